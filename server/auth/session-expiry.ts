import type { Clock } from '../../shared/domain/clock';
import type { SessionRow, Store, StoreWriter } from '../store/types';
import { randomToken, sha256 } from './crypto';

const HOUR = 3_600_000;

/**
 * A3: a console session ends after this long without a request. An open console syncs on a timer,
 * so this bites a laptop that was closed or left asleep, not one left open on a desk: the
 * absolute limit bounds that.
 */
export const SESSION_IDLE_MS = 2 * HOUR;
/** A3: a session ends this long after its sign-in, however busy: a shift and a half. */
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** The idle clock is written at most this often, so a busy console does not write on every request. */
export const SESSION_TOUCH_MS = 60_000;
/** How often main.ts purges expired sessions. */
export const SESSION_PURGE_EVERY_MS = 15 * 60_000;

/** Whether a session is still within both its limits at `now`. */
export const sessionLive = (s: SessionRow, now: number): boolean => s.expiresAt > now && s.lastUsedAt + SESSION_IDLE_MS > now;

/** Starts a session for a user inside the sign-in's transaction, purging the expired ones first. */
export async function startSession(tx: StoreWriter, userId: string, now: number): Promise<{ token: string; maxAgeSeconds: number }> {
  await tx.purgeSessions(now, now - SESSION_IDLE_MS);
  const token = randomToken();
  await tx.insertSession({ tokenHash: sha256(token), userId, expiresAt: now + SESSION_ABSOLUTE_MS, lastUsedAt: now });
  return { token, maxAgeSeconds: SESSION_ABSOLUTE_MS / 1000 };
}

/** The live session for a cookie token, its idle clock moved if the last move is a minute old. */
export async function liveSession(store: Store, clock: Clock, token: string): Promise<SessionRow | undefined> {
  const tokenHash = sha256(token);
  const s = await store.getSession(tokenHash);
  const now = clock.now();
  if (!s || !sessionLive(s, now)) return undefined;
  if (now - s.lastUsedAt >= SESSION_TOUCH_MS) await store.transaction((tx) => tx.touchSession(tokenHash, now));
  return s;
}

/** The job that deletes expired sessions (A3); a plain function so a lease can run it later (D3). */
export async function purgeExpiredSessions(store: Store, clock: Clock): Promise<number> {
  const now = clock.now();
  return store.transaction((tx) => tx.purgeSessions(now, now - SESSION_IDLE_MS));
}
