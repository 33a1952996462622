export interface BackoffBounds {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffBounds = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * The poke stream's reconnects: capped lower than the sync's, since a stream that is down costs
 * the live updates, and an attempt is one cheap request (the poll timer still covers the gap).
 */
export const EVENTS_BACKOFF: BackoffBounds = { baseMs: 1_000, maxMs: 30_000 };

/**
 * S8: delay before retry number `failures` (1, 2, …): exponential, capped, with "equal jitter"
 * so tablets that lost Wi-Fi together do not all come back in the same second.
 * The result lies in [cap/2, cap) where cap = min(maxMs, baseMs · 2^(failures−1)).
 */
export function backoffDelay(failures: number, random: () => number, bounds: BackoffBounds = DEFAULT_BACKOFF): number {
  const exp = Math.min(bounds.maxMs, bounds.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(exp / 2 + random() * (exp / 2));
}
