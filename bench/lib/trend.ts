/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Whether a series stayed flat: its fitted change over the whole span (slope × span) is at most
 * `relative` of its mean or `absolute`, whichever is larger. Returns the change with the verdict.
 */
export function flat(xs: number[], ys: number[], relative: number, absolute: number): { change: number; perMinute: number; flat: boolean } {
  const s = slope(xs, ys);
  const span = xs.length ? xs[xs.length - 1]! - xs[0]! : 0;
  const mean = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
  const change = s * span;
  return { change, perMinute: s, flat: Math.abs(change) <= Math.max(relative * Math.abs(mean), absolute) };
}
