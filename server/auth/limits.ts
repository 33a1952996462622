import type { HttpError } from '../errors';
import type { StoreWriter } from '../store/types';

/**
 * How many attempts a key allows before each further one waits, and how long (X2). From the
 * `free`-th counted attempt on, the next one waits `baseMs`, doubling with every further
 * failure up to `maxMs`; a key left alone for `forgetMs` starts over. docs/contracts.md lists
 * the values and why.
 */
export interface LimitPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

const DAY = 24 * 3_600_000;

export const LIMITS = {
  /** One address guessing one account's password. */
  signInPair: { free: 5, baseMs: 60_000, maxMs: 3_600_000, forgetMs: DAY },
  /** One address, whatever usernames it tries. */
  signInAddress: { free: 20, baseMs: 60_000, maxMs: 3_600_000, forgetMs: DAY },
  /**
   * One account from every address: high enough that one address, held back by its own limits,
   * cannot reach it, and short at its longest, since it also holds back the real person.
   */
  signInAccount: { free: 50, baseMs: 30_000, maxMs: 15 * 60_000, forgetMs: DAY },
  /** One address guessing enrollment codes. */
  enrollAddress: { free: 10, baseMs: 60_000, maxMs: 3_600_000, forgetMs: DAY },
} satisfies Record<string, LimitPolicy>;

/** One counter an attempt is counted under; `clearOnSuccess` forgets it when the attempt succeeds. */
export interface Limit {
  key: string;
  policy: LimitPolicy;
  clearOnSuccess?: boolean;
}

/** How long the attempt after the `failures`-th must wait (0: it may come at once). */
export function delayAfter(p: LimitPolicy, failures: number): number {
  return failures < p.free ? 0 : Math.min(p.maxMs, p.baseMs * 2 ** (failures - p.free));
}

/**
 * The address a limit counts under. One IPv6 host may pick any address of its /64 (privacy
 * addresses), so IPv6 counts per /64; an IPv4-mapped IPv6 address is its IPv4 address.
 */
export function limitedAddress(address: string): string {
  const a = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const [head = '', tail] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** The counters of a password sign-in: address, account, and the two together. */
export function signInLimits(clientAddress: string, username: string): Limit[] {
  const address = limitedAddress(clientAddress);
  return [
    { key: `sign-in:pair:${address}|${username}`, policy: LIMITS.signInPair, clearOnSuccess: true },
    { key: `sign-in:address:${address}`, policy: LIMITS.signInAddress },
    { key: `sign-in:account:${username}`, policy: LIMITS.signInAccount },
  ];
}

export const enrollLimits = (clientAddress: string): Limit[] => [{ key: `enroll:address:${limitedAddress(clientAddress)}`, policy: LIMITS.enrollAddress }];

/**
 * Counts an attempt as failed under every limit before it is checked, so parallel attempts each
 * see the ones before them (the slow check runs after this commits). Throws `locked(retryAt)`
 * when a limit is still blocked; the caller's transaction then rolls back and the refused attempt
 * counts for nothing. Returns when the next attempt may come if this one fails (≤ now: at once).
 */
export async function reserveAttempt(tx: StoreWriter, limits: Limit[], now: number, locked: (retryAt: number) => HttpError): Promise<number> {
  let retryAt = 0;
  let blocked = 0;
  for (const { key, policy } of limits) {
    const row = await tx.bumpAuthLimit(key, 1, now, now - policy.forgetMs);
    if (row.blockedUntil > now) blocked = Math.max(blocked, row.blockedUntil);
    const wait = delayAfter(policy, row.failures);
    if (wait > 0) {
      await tx.blockAuthLimit(key, now + wait);
      retryAt = Math.max(retryAt, now + wait);
    }
  }
  if (blocked) throw locked(blocked);
  return retryAt;
}

/** Takes back a reserved attempt that succeeded: it was not a failure. */
export async function releaseAttempt(tx: StoreWriter, limits: Limit[], now: number): Promise<void> {
  for (const { key, policy, clearOnSuccess } of limits) {
    if (clearOnSuccess) {
      await tx.deleteAuthLimit(key);
      continue;
    }
    const row = await tx.bumpAuthLimit(key, -1, now, now - policy.forgetMs);
    if (row.failures < policy.free) await tx.blockAuthLimit(key, 0);
  }
}
