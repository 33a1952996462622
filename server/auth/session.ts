import type { Clock } from '../../shared/domain/clock';
import type { User } from '../../shared/schema';
import { HttpError } from '../errors';
import type { Store } from '../store/types';
import { sha256, verifyPassword } from './crypto';
import { liveSession, SESSION_ABSOLUTE_MS, startSession } from './session-expiry';

export const SESSION_COOKIE = 'fb_session';
/** The absolute limit; the idle one and the purge are in session-expiry.ts. */
export const SESSION_TTL_MS = SESSION_ABSOLUTE_MS;
/** Failed attempts before the sign-in locks, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_LOCK_MS = 15 * 60_000;

export type SessionUser = Pick<User, 'id' | 'name' | 'role'> & { username: string };

async function userRecord(store: Store, id: string): Promise<User | undefined> {
  const r = await store.getRecord('users', id);
  return r && !r.deleted ? (JSON.parse(r.value) as User) : undefined;
}

/** Checks a console password; counts failures per username and locks after five (A3). */
export async function signIn(store: Store, clock: Clock, username: string, password: string) {
  const now = clock.now();
  const failure = await store.getSignInFailure(username);
  if (failure && failure.lockedUntil > now) {
    throw new HttpError(429, 'sign-in-locked', 'too many failed attempts; try again later', {
      retryAt: new Date(failure.lockedUntil).toISOString(),
    });
  }
  const account = await store.getConsoleUser(username);
  const ok = account ? await verifyPassword(password, account.passwordHash) : false;
  const user = ok && account ? await userRecord(store, account.userId) : undefined;
  if (!account || !user || !user.active) {
    const count = (failure && failure.lockedUntil <= now && failure.lockedUntil > 0 ? 0 : failure?.count ?? 0) + 1;
    const lockedUntil = count >= MAX_FAILED_SIGN_INS ? now + SIGN_IN_LOCK_MS : 0;
    await store.transaction((tx) => tx.setSignInFailure({ username, count: lockedUntil ? 0 : count, lockedUntil }));
    if (lockedUntil) throw new HttpError(429, 'sign-in-locked', 'too many failed attempts; try again later');
    throw new HttpError(401, 'invalid-credentials', 'wrong username or password');
  }
  const { token, maxAgeSeconds } = await store.transaction(async (tx) => {
    await tx.clearSignInFailure(username);
    return startSession(tx, user.id, now);
  });
  const sessionUser: SessionUser = { id: user.id, name: user.name, role: user.role, username };
  return { token, user: sessionUser, maxAgeSeconds };
}

/** The signed-in console user for a cookie token, if the session is live (A3) and the user active. */
export async function sessionUser(store: Store, clock: Clock, token: string): Promise<(User & { username?: string }) | undefined> {
  const s = await liveSession(store, clock, token);
  if (!s) return undefined;
  const user = await userRecord(store, s.userId);
  return user && user.active ? user : undefined;
}

export async function signOut(store: Store, token: string): Promise<void> {
  await store.transaction((tx) => tx.deleteSession(sha256(token)));
}
