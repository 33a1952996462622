/**
 * A2: repeated wrong PINs lock sign-in for THAT badge on this tablet for a while (the next person at
 * the station can still sign in); the state survives reloads. A badge is counted as people read it:
 * trimmed, case folded (`b1001` is `B1001`; the server refuses badges differing only by case).
 */
export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;

export interface LockoutState {
  failures: number;
  /** Epoch ms until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

export const EMPTY_LOCKOUT: LockoutState = { failures: 0, lockedUntil: 0 };

export function isLocked(s: LockoutState, now: number): boolean {
  return s.lockedUntil > now;
}

export function remainingMs(s: LockoutState, now: number): number {
  return Math.max(0, s.lockedUntil - now);
}

/** After a wrong PIN: the fifth failure in a row locks and restarts the count. */
export function recordFailure(s: LockoutState, now: number): LockoutState {
  if (isLocked(s, now)) return s;
  const failures = s.failures + 1;
  if (failures >= MAX_FAILURES) return { failures: 0, lockedUntil: now + LOCK_MS };
  return { failures, lockedUntil: 0 };
}

export function recordSuccess(): LockoutState {
  return { ...EMPTY_LOCKOUT };
}

/** "4:59" for the countdown on the sign-in screen. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** The one spelling of a badge the tablet compares and keys by. */
export function normalBadge(badge: string): string {
  return badge.trim().toUpperCase();
}

/** Where the lock-out lives: localStorage, one entry per badge, so a reload (or a closed tab) does not clear it. */
export interface LockoutStore {
  load(badge: string): LockoutState;
  save(badge: string, s: LockoutState): void;
}

export function localLockoutStore(prefix = 'floorboard.signin.lockout.', storage: Storage = localStorage): LockoutStore {
  const key = (badge: string) => prefix + normalBadge(badge);
  return {
    load(badge) {
      try {
        const v = JSON.parse(storage.getItem(key(badge)) ?? 'null') as Partial<LockoutState> | null;
        if (v && typeof v.failures === 'number' && typeof v.lockedUntil === 'number') {
          return { failures: v.failures, lockedUntil: v.lockedUntil };
        }
      } catch {
        // A damaged entry counts as no failures; the next failure rewrites it.
      }
      return { ...EMPTY_LOCKOUT };
    },
    save(badge, s) {
      // A badge back to no failures leaves no entry behind: typed badges do not pile up.
      if (s.failures === 0 && s.lockedUntil === 0) storage.removeItem(key(badge));
      else storage.setItem(key(badge), JSON.stringify(s));
    },
  };
}

/** A lock-out store in memory, for tests and tools that have no localStorage. */
export function memoryLockoutStore(): LockoutStore {
  const m = new Map<string, LockoutState>();
  return {
    load: (badge) => ({ ...(m.get(normalBadge(badge)) ?? EMPTY_LOCKOUT) }),
    save: (badge, s) => void m.set(normalBadge(badge), { ...s }),
  };
}
