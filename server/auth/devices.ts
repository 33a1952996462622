import { newId } from '../../shared/ids';
import type { Clock } from '../../shared/domain/clock';
import { HttpError, notFound } from '../errors';
import type { DeviceRow, Store } from '../store/types';
import type { Revocations } from '../sync/pokes';
import { checkStationsOpen } from '../plant/stations';
import { enrollmentCode, normalizeCode, randomToken, sha256 } from './crypto';
import { enrollLimits, releaseAttempt, reserveAttempt } from './limits';

/** How long an enrollment code works by default (A1; `ENROLLMENT_TTL_MS`): the code is typed minutes after it is shown. */
export const ENROLLMENT_TTL_MS = 3_600_000;

const enrollmentLocked = (retryAt: number) =>
  new HttpError(429, 'enrollment-locked', 'too many wrong enrollment codes from here; try again later', {
    retryAt: new Date(retryAt).toISOString(),
  });

/** A1: a coordinator creates a device and gets a one-time code to type (or scan) on the tablet. */
export async function createDevice(store: Store, clock: Clock, name: string, stationIds: string[], ttlMs = ENROLLMENT_TTL_MS) {
  await checkStationsOpen(store, stationIds);
  const id = `dev-${newId()}`;
  const code = enrollmentCode();
  const expiresAt = clock.now() + ttlMs;
  await store.transaction(async (tx) => {
    const createdAt = new Date(clock.now()).toISOString();
    await tx.insertDevice({ id, name, stationIds: [...new Set(stationIds)], tokenHash: null, revoked: false, enrolledAt: null, createdAt });
    await tx.insertEnrollmentCode(sha256(normalizeCode(code)), id, expiresAt);
  });
  return { deviceId: id, enrollmentCode: code, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Trades a code for a long random token; only the token's hash is kept. Wrong codes are counted
 * per address (X2): the attempt is counted and checked in one transaction.
 */
export async function enrollDevice(store: Store, clock: Clock, code: string, address: string) {
  const token = randomToken();
  const limits = enrollLimits(address);
  const outcome = await store.transaction(async (tx) => {
    const now = clock.now();
    const retryAt = await reserveAttempt(tx, limits, now, enrollmentLocked);
    const deviceId = await tx.useEnrollmentCode(sha256(normalizeCode(code)), now, new Date(now).toISOString());
    const d = deviceId ? await tx.getDevice(deviceId) : undefined;
    // A failure returns, not throws: its count must commit.
    if (!d || d.revoked) return { ok: false as const, retryAt, now };
    await releaseAttempt(tx, limits, now);
    await tx.updateDevice(d.id, { tokenHash: sha256(token), enrolledAt: new Date(now).toISOString() });
    return { ok: true as const, device: d };
  });
  if (!outcome.ok) {
    if (outcome.retryAt > outcome.now) throw enrollmentLocked(outcome.retryAt);
    throw new HttpError(400, 'enrollment-code-invalid', 'this code is unknown, used or expired');
  }
  const { device } = outcome;
  return { deviceId: device.id, token, name: device.name, stationIds: device.stationIds };
}

/** Revokes a device: its token gets 401 from the next request on, and its open event streams end. */
export async function revokeDevice(store: Store, id: string, revocations?: Revocations): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.getDevice(id))) throw notFound('no such device');
    await tx.updateDevice(id, { revoked: true });
  });
  // After the commit: a stream that re-checks the token must find it revoked.
  revocations?.publish({ deviceId: id });
}

/** The device list for the console, without token hashes. */
export const publicDevice = ({ tokenHash, ...d }: DeviceRow) => ({ ...d, enrolled: tokenHash !== null });
