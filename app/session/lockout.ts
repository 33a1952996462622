/** A2: repeated wrong PINs lock sign-in on this tablet for a while; the state survives reloads. */
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

/** Where the lock-out lives: localStorage, so a reload (or a closed tab) does not clear it. */
export interface LockoutStore {
  load(): LockoutState;
  save(s: LockoutState): void;
}

export function localLockoutStore(key = 'floorboard.signin.lockout', storage: Storage = localStorage): LockoutStore {
  return {
    load() {
      try {
        const v = JSON.parse(storage.getItem(key) ?? 'null') as Partial<LockoutState> | null;
        if (v && typeof v.failures === 'number' && typeof v.lockedUntil === 'number') {
          return { failures: v.failures, lockedUntil: v.lockedUntil };
        }
      } catch {
        // A damaged entry counts as no failures; the next failure rewrites it.
      }
      return { ...EMPTY_LOCKOUT };
    },
    save(s) {
      storage.setItem(key, JSON.stringify(s));
    },
  };
}
