import type { Clock } from '../../shared/domain/clock';
import { HttpError } from '../errors';

/**
 * Per-device push budget, counted in mutations (a push costs max(1, its mutation count)): a token
 * bucket that holds `burst` and refills `perSecond`. The defaults let a tablet flush 2,000
 * offline mutations at once (four 500-mutation pushes) twice over (the flush benchmark pushes its
 * 2,000 again raw right after) and sustain four times the benchmark's 60 one-mutation pushes a
 * second, while one device can no longer take the whole server.
 */
export interface PushRateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_PUSH_RATE_LIMIT: PushRateLimit = { burst: 5_000, perSecond: 250 };

/** Buckets kept before idle (full) ones are dropped. */
const MAX_BUCKETS = 10_000;

export interface RateLimiter {
  /** Takes `cost` tokens of `key`'s bucket, or throws 429 `rate-limited` with Retry-After. */
  take(key: string, cost: number): void;
}

/** A limiter over the injected clock (tests advance it instead of waiting); `false` turns it off. */
export function createRateLimiter(clock: Clock, limit: PushRateLimit | false = DEFAULT_PUSH_RATE_LIMIT): RateLimiter {
  if (limit === false) return { take() {} };
  const { burst, perSecond } = limit;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, now: number) => Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  return {
    take(key, cost) {
      const now = clock.now();
      if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) {
        for (const [k, b] of buckets) if (level(b, now) >= burst) buckets.delete(k);
      }
      const b = buckets.get(key) ?? { tokens: burst, at: now };
      const tokens = level(b, now);
      // A push larger than the whole bucket could never pass: let it through on a full bucket.
      const need = Math.min(cost, burst);
      if (tokens < need) {
        buckets.set(key, { tokens, at: now });
        const retryAfterS = Math.ceil((need - tokens) / perSecond);
        throw new HttpError(429, 'rate-limited', `too many pushes from this device; retry in ${retryAfterS} s`, {}, retryAfterS);
      }
      buckets.set(key, { tokens: tokens - cost, at: now });
    },
  };
}
