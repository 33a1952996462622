import type { Clock } from '../../shared/domain/clock';
import type { User } from '../../shared/schema';
import { HttpError } from '../errors';
import type { Store } from '../store/types';
import { hashPassword, randomToken, sha256, verifyPassword } from './crypto';
import { releaseAttempt, reserveAttempt, signInLimits } from './limits';
import { liveSession, SESSION_ABSOLUTE_MS, startSession } from './session-expiry';

export const SESSION_COOKIE = 'fb_session';
/** The absolute limit; the idle one and the purge are in session-expiry.ts. */
export const SESSION_TTL_MS = SESSION_ABSOLUTE_MS;

export const signInLocked = (retryAt: number) =>
  new HttpError(429, 'sign-in-locked', 'too many failed attempts; try again later', { retryAt: new Date(retryAt).toISOString() });

// A verifier no password matches, hashed once: an unknown username costs the same scrypt as a known one.
let dummy: Promise<string> | undefined;
const dummyVerifier = () => (dummy ??= hashPassword(randomToken()));

export type SessionUser = Pick<User, 'id' | 'name' | 'role' | 'language'> & { username: string };

async function userRecord(store: Store, id: string): Promise<User | undefined> {
  const r = await store.getRecord('users', id);
  return r && !r.deleted ? (JSON.parse(r.value) as User) : undefined;
}

/**
 * Checks a console password (A3). The attempt is counted as a failure per address, per account
 * and per both (X2) and committed before the slow hash, so parallel guesses each count; a right
 * password takes its count back.
 */
export async function signIn(store: Store, clock: Clock, username: string, password: string, address: string) {
  const limits = signInLimits(address, username);
  const reservedAt = clock.now();
  const retryAt = await store.transaction((tx) => reserveAttempt(tx, limits, reservedAt, signInLocked));
  const account = await store.getConsoleUser(username);
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyVerifier()));
  const user = ok && account ? await userRecord(store, account.userId) : undefined;
  if (!account || !user?.active) {
    // This failure started a wait: say so now rather than on the next try.
    if (retryAt > reservedAt) throw signInLocked(retryAt);
    throw new HttpError(401, 'invalid-credentials', 'wrong username or password');
  }
  const now = clock.now();
  const { token, maxAgeSeconds } = await store.transaction(async (tx) => {
    await releaseAttempt(tx, limits, now);
    return startSession(tx, user.id, now);
  });
  const sessionUser: SessionUser = { id: user.id, name: user.name, role: user.role, username, ...(user.language ? { language: user.language } : {}) };
  return { token, user: sessionUser, maxAgeSeconds };
}

/** The signed-in console user for a cookie token, if the session is live (A3) and the user active. */
export async function sessionUser(store: Store, clock: Clock, token: string): Promise<(User & { username?: string }) | undefined> {
  const s = await liveSession(store, clock, token);
  if (!s) return undefined;
  const user = await userRecord(store, s.userId);
  return user?.active ? user : undefined;
}

export async function signOut(store: Store, token: string): Promise<void> {
  await store.transaction((tx) => tx.deleteSession(sha256(token)));
}
