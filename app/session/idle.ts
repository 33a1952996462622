/**
 * A2: a shared tablet signs its person out after a time without use, set per plant (the
 * `plantSettings` record, default 15 minutes); drafts stay (app/session/drafts.ts). Use is any
 * pointer, key or scan input (a wedge scanner types keys). A minute before, the screen warns.
 */
export const DEFAULT_IDLE_MINUTES = 15;
export const IDLE_WARN_MS = 60_000;

export type IdlePhase = 'active' | 'warning' | 'expired';

/** Where a session stands `now`, given the last input and the plant's limit. */
export function idlePhase(lastInputAt: number, now: number, limitMs: number): IdlePhase {
  const idle = now - lastInputAt;
  if (idle >= limitMs) return 'expired';
  if (idle >= limitMs - Math.min(IDLE_WARN_MS, limitMs / 2)) return 'warning';
  return 'active';
}

/** The plant's limit in ms; a missing or damaged setting reads as the default. */
export function idleLimitMs(minutes: number | null | undefined): number {
  const m = typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 1 ? minutes : DEFAULT_IDLE_MINUTES;
  return m * 60_000;
}

/** What the sign-in screen says after an idle sign-out: kept in localStorage across the reload-free navigation. */
const NOTICE_KEY = 'floorboard.signin.idleNotice';

export function rememberIdleSignOut(minutes: number): void {
  localStorage.setItem(NOTICE_KEY, String(minutes));
}

export function idleSignOutNotice(): number | null {
  const v = Number(localStorage.getItem(NOTICE_KEY));
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function clearIdleSignOutNotice(): void {
  localStorage.removeItem(NOTICE_KEY);
}
