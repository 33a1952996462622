import { newId } from '../../shared/ids';
import type { Clock } from '../../shared/domain/clock';
import { HttpError, notFound } from '../errors';
import type { PreviousEnrollment, PublicDevice } from '../../shared/protocol';
import type { DeviceRow, Store, StoreWriter } from '../store/types';
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
export async function enrollDevice(store: Store, clock: Clock, code: string, address: string, previous?: PreviousEnrollment) {
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
    // Thrown, so the code stays unused: the tablet may enroll with it once the proof is sorted out.
    const carried = previous ? await carryClient(tx, d.id, previous) : undefined;
    await tx.updateDevice(d.id, { tokenHash: sha256(token), enrolledAt: new Date(now).toISOString() });
    return { ok: true as const, device: d, carried };
  });
  if (!outcome.ok) {
    if (outcome.retryAt > outcome.now) throw enrollmentLocked(outcome.retryAt);
    throw new HttpError(400, 'enrollment-code-invalid', 'this code is unknown, used or expired');
  }
  const { device, carried } = outcome;
  return { deviceId: device.id, token, name: device.name, stationIds: device.stationIds, ...(carried ? { carried } : {}) };
}

/**
 * Enrolling again (docs/sync.md, "Enrolling again"): the tablet proves it held the earlier device's
 * token, and the new device takes over the client id its outbox is numbered under, with the
 * client's lastMutationId as it stands, so what the server applied is skipped and the rest applies
 * once (S2 across the re-enrollment). The earlier device is revoked: its token is the proof spent.
 */
async function carryClient(tx: StoreWriter, deviceId: string, previous: PreviousEnrollment) {
  const old = await tx.getDevice(previous.deviceId);
  const proofHolds = old !== undefined && old.id !== deviceId && old.tokenHash !== null && old.tokenHash === sha256(previous.token);
  if (!proofHolds) throw new HttpError(400, 'enrollment-previous-invalid', 'the earlier enrollment this tablet names does not hold');
  const client = await tx.getClient(previous.clientId);
  if (client && client.owner !== `device:${old.id}`) throw new HttpError(400, 'enrollment-previous-invalid', 'that client id belongs to another device');
  if (!old.revoked) await tx.updateDevice(old.id, { revoked: true });
  // A client that never pushed has no row: the new device's first push binds it.
  if (client) await tx.setClient({ ...client, owner: `device:${deviceId}` });
  return { clientId: previous.clientId, lastMutationId: client?.lastMutationId ?? 0 };
}

/**
 * "Show code again": codes are kept only as hashes, so the one shown cannot be shown again; a
 * fresh code for the same device replaces every unused one. Only while no tablet has enrolled as
 * it (a new code would let a second tablet take the device over) and it is not revoked.
 */
export async function reissueCode(store: Store, clock: Clock, id: string, ttlMs = ENROLLMENT_TTL_MS) {
  const code = enrollmentCode();
  const expiresAt = clock.now() + ttlMs;
  await store.transaction(async (tx) => {
    const d = await tx.getDevice(id);
    if (!d) throw notFound('no such device');
    if (d.tokenHash !== null || d.revoked) throw new HttpError(409, 'device-already-enrolled', 'a tablet has enrolled as this device, or it is revoked');
    await tx.dropEnrollmentCodes(id);
    await tx.insertEnrollmentCode(sha256(normalizeCode(code)), id, expiresAt);
  });
  return { deviceId: id, enrollmentCode: code, expiresAt: new Date(expiresAt).toISOString() };
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
export function publicDevice({ tokenHash, report, ...d }: DeviceRow): PublicDevice {
  const outboxCount = report?.outboxCount ?? null;
  const refusedSince = report?.refusedSince ?? null;
  return {
    ...d,
    enrolled: tokenHash !== null,
    lastSeenAt: report?.lastSeenAt ?? null,
    appVersion: report?.appVersion ?? null,
    outboxCount,
    refusedSince,
    // Work waits on the tablet and the server turns its requests away: nothing of it arrives.
    stuck: (outboxCount ?? 0) > 0 && refusedSince !== null,
    awaitingEnrollment: tokenHash === null && !d.revoked,
  };
}
