/** What a run exercised: the simulation fails a run that proved nothing (STYLE habit 8). */
export interface Coverage {
  /** Conflicts by code, as the oracle expected and the server recorded them. */
  conflicts: Record<string, number>;
  /** Rejections by code. */
  rejections: Record<string, number>;
  /** Deliberately wrong intents by kind (`wrong-actor`, `wrong-station`, `wrong-role`, `bad-args`). */
  bad: Record<string, number>;
  restarts: number;
  /** Restarts while the server was handling at least one push. */
  restartsInFlight: number;
  crashes: number;
  /** Crashes that cut a write transaction short (SIGKILL before the commit). */
  crashesMidTransaction: number;
}

/** Nothing exercised yet. */
export const emptyCoverage = (): Coverage => ({
  conflicts: {},
  rejections: {},
  bad: {},
  restarts: 0,
  restartsInFlight: 0,
  crashes: 0,
  crashesMidTransaction: 0,
});

/** Counts one more `k`. */
export const bump = (r: Record<string, number>, k: string, n = 1) => void (r[k] = (r[k] ?? 0) + n);

/** Adds one seed's figures to a run's. */
export function addCoverage(into: Coverage, c: Coverage): Coverage {
  for (const k of ['conflicts', 'rejections', 'bad'] as const) for (const [code, n] of Object.entries(c[k])) bump(into[k], code, n);
  for (const k of ['restarts', 'restartsInFlight', 'crashes', 'crashesMidTransaction'] as const) into[k] += c[k];
  return into;
}

const total = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);

/** What a run of seeds must have exercised at least once; empty when it did. */
export function uncovered(c: Coverage): string[] {
  const need: [string, number][] = [
    ['conflicts', total(c.conflicts)],
    ['rejections', total(c.rejections)],
    ['wrong-actor intents', c.bad['wrong-actor'] ?? 0],
    ['wrong-station intents', c.bad['wrong-station'] ?? 0],
    ['bad-argument intents', c.bad['bad-args'] ?? 0],
    ['restarts with pushes in flight', c.restartsInFlight],
    ['crash restarts (SIGKILL mid-transaction)', c.crashesMidTransaction],
  ];
  return need.filter(([, n]) => n === 0).map(([what]) => `the run exercised no ${what}`);
}

/** One line of figures for the CLI and the test report. */
export function describeCoverage(c: Coverage): string {
  const list = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  return [
    `conflicts ${total(c.conflicts)} (${list(c.conflicts)})`,
    `rejections ${total(c.rejections)} (${list(c.rejections)})`,
    `wrong on purpose ${total(c.bad)} (${list(c.bad)})`,
    `restarts ${c.restarts} (${c.restartsInFlight} with pushes in flight)`,
    `crashes ${c.crashes} (${c.crashesMidTransaction} mid-transaction)`,
  ].join('; ');
}
