import { mulberry32 } from '../../../shared/domain/rng';

/** A small seeded PRNG (mulberry32): the whole simulation is a function of its seed. */
export interface Rng {
  (): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  id(prefix: string): string;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed >>> 0 || 0x9e3779b9);
  let n = 0;
  const rng = next as Rng;
  rng.int = (k) => Math.floor(next() * k);
  rng.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  rng.chance = (p) => next() < p;
  rng.id = (prefix) => `${prefix}-${seed}-${++n}-${Math.floor(next() * 1e9).toString(36)}`;
  return rng;
}
