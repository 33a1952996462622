import type { Accessor } from 'solid-js';
import type { User } from '../../shared/schema';
import { deriveProofKey, verifyPin } from '../../shared/domain/pin';
import { roamsTablets } from '../../shared/domain/roles';
import { getMeta, setMeta, type FloorboardDB } from '../db';
import { createLive } from '../queries/live';
import { isLocked, localLockoutStore, normalBadge, recordFailure, recordSuccess, type LockoutState } from './lockout';

/** The person signed in on this tablet (kept in meta, so a reload keeps them signed in). */
export function useCurrentUser(db: Accessor<FloorboardDB | undefined>): Accessor<User | null | undefined> {
  return createLive(
    db,
    async (d) => {
      const id = await getMeta(d, 'currentUserId');
      if (!id) return null;
      const u = await d.entity('users').get(id);
      return u?.active ? u : null;
    },
    undefined as User | null | undefined,
  );
}

/** Signs out: the person's proof key goes with them, so nothing more can be queued in their name. */
export async function signOut(db: FloorboardDB): Promise<void> {
  await db.meta.bulkDelete(['currentUserId', 'proof']);
}

/** May this person sign in on a tablet for these stations? Leads, supervisors and office roles always may (A2). */
export function mayUseDevice(user: User, deviceStationIds: readonly string[]): boolean {
  if (!user.active) return false;
  if (roamsTablets(user.role)) return true;
  return user.stationIds.some((s) => deviceStationIds.includes(s));
}

export type SignInResult =
  | { ok: true; user: User }
  /** The badge and PIN were right, but this tablet serves none of the person's stations: no failure counted. */
  | { ok: false; reason: 'not-this-station'; user: User; lockout: LockoutState }
  | { ok: false; reason: 'locked' | 'unknown-badge' | 'wrong-pin' | 'no-pin'; lockout: LockoutState };

/** The active person with this badge, compared as the tablet reads badges: `b1001` is `B1001`. */
export async function userByBadge(db: FloorboardDB, badge: string): Promise<User | undefined> {
  const wanted = normalBadge(badge);
  if (!wanted) return undefined;
  const candidates = await db.entity('users').where('badge').equalsIgnoreCase(wanted).toArray();
  return candidates.find((u) => u.active && normalBadge(u.badge) === wanted);
}

/**
 * A2: badge + PIN checked on the tablet against the synced verifiers, so it works offline. Wrong
 * PINs lock the badge typed, not the tablet: the next person at the station signs in at once.
 */
export async function signIn(
  db: FloorboardDB,
  badge: string,
  pin: string,
  deviceStationIds: readonly string[],
  now = Date.now(),
  store = localLockoutStore(),
): Promise<SignInResult> {
  let lock = store.load(badge);
  if (isLocked(lock, now)) return { ok: false, reason: 'locked', lockout: lock };
  const user = await userByBadge(db, badge);
  const fail = (reason: 'unknown-badge' | 'wrong-pin' | 'no-pin'): SignInResult => {
    lock = recordFailure(lock, now);
    store.save(badge, lock);
    return { ok: false, reason: isLocked(lock, now) ? 'locked' : reason, lockout: lock };
  };
  // An unknown badge counts (and locks) like a wrong PIN, in the same words, so the keypad cannot
  // be used to probe which badges exist.
  if (!user) return fail('unknown-badge');
  if (!user.pin) return fail('no-pin');
  // A2: the proof key comes from the PIN just typed (the tablet never holds it otherwise), derived
  // alongside the check so sign-in waits for one PBKDF2, not two; a verifier from before proofs
  // has no proof salt, and that person's acts go out unproven.
  const [match, key] = await Promise.all([verifyPin(pin, user.pin), deriveProofKey(pin, user.pin)]);
  if (!match) return fail('wrong-pin');
  // The right PIN proves the person: the count restarts even when this tablet is not theirs.
  lock = recordSuccess();
  store.save(badge, lock);
  if (!mayUseDevice(user, deviceStationIds)) return { ok: false, reason: 'not-this-station', user, lockout: lock };
  await db.transaction('rw', db.meta, async () => {
    if (key) await setMeta(db, 'proof', { userId: user.id, key });
    else await db.meta.delete('proof');
    await setMeta(db, 'currentUserId', user.id);
  });
  return { ok: true, user };
}
