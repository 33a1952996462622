import { formatDuration, formatNumber, t } from '../i18n';
import { LOCK_MS, MAX_FAILURES, remainingMs, type LockoutState } from './lockout';
import type { SignInResult } from './user';

type Failure = Extract<SignInResult, { ok: false }>;

/** "This badge is locked … Try again in 4 min." with the time left through format.ts (L1). */
export function lockedText(lock: LockoutState, now: number): string {
  return t('session.locked', formatNumber(MAX_FAILURES), formatDuration(remainingMs(lock, now)));
}

/** "2 more wrong attempts lock this badge for 5 min.": singular and plural in every language. */
export function attemptsLeftText(failures: number): string {
  const left = MAX_FAILURES - failures;
  return t('session.attemptsLeft', left, formatNumber(left), formatDuration(LOCK_MS));
}

/**
 * What the sign-in screen says after a refused attempt. An unknown badge and a wrong PIN read the
 * same (A2: the keypad must not tell which badges exist); a right PIN at another station's tablet
 * names both, and counts as no failure.
 */
export function signInFailureText(r: Failure, deviceStationIds: readonly string[], stationName: (id: string) => string, now: number): string {
  switch (r.reason) {
    case 'locked':
      return lockedText(r.lockout, now);
    case 'not-this-station': {
      const yours = r.user.stationIds.map(stationName).join(', ') || t('session.noStation');
      return t('session.notThisStation', deviceStationIds.map(stationName).join(', '), yours);
    }
    case 'no-pin':
      return t('signin.noPin');
    default:
      return `${t('signin.wrong')} ${attemptsLeftText(r.lockout.failures)}`;
  }
}
