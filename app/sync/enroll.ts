import { EnrollResponse, type PreviousEnrollment } from '../../shared/protocol';
import type { FloorboardDB } from '../db';
import { ensureClientId, getMeta, setMeta } from '../db';
import { newId } from '../../shared/ids';
import type { FetchLike } from './types';

export type EnrollResult = { ok: true; deviceId: string; name: string; stationIds: string[] } | { ok: false; code: string; message: string; retryAt?: string };

/**
 * A1: trades a one-time enrollment code for the device token and keeps it in meta. A tablet
 * re-enrolled as another device with nothing queued starts a fresh replica (its scope changed).
 * One with changes queued sends its earlier enrollment (device id, client id, and the old token as
 * proof): the new device takes over the client, so the outbox goes on under the same ids and the
 * server skips what it had applied (S2); the replica is pulled afresh for the new device's scope.
 */
export async function enrollDevice(db: FloorboardDB, baseUrl: string, code: string, fetchFn: FetchLike = (u, i) => fetch(u, i)): Promise<EnrollResult> {
  const previous = await previousEnrollment(db);
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl}/api/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(previous ? { code: code.trim(), previous } : { code: code.trim() }),
    });
  } catch {
    return { ok: false, code: 'offline', message: 'the server cannot be reached' };
  }
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string; retryAt?: unknown } | null;
  if (!res.ok) {
    const retryAt = typeof body?.retryAt === 'string' ? { retryAt: body.retryAt } : {};
    return { ok: false, code: body?.code ?? `http-${res.status}`, message: body?.message ?? 'enrollment failed', ...retryAt };
  }
  const parsed = EnrollResponse.safeParse(body);
  if (!parsed.success) return { ok: false, code: 'invalid-response', message: 'the server answered something unexpected' };
  const d = parsed.data;
  await db.transaction('rw', db.tables, async () => {
    const previous = await getMeta(db, 'deviceId');
    if (previous && previous !== d.deviceId && (await db.outbox.count()) === 0) {
      await Promise.all(db.entityTables().map((t) => t.clear()));
      await db.meta.bulkDelete(['clientId', 'cursor', 'lastMutationId', 'nextMutationId', 'lastSyncAt']);
    } else if (d.carried) {
      // The outbox stays as it is, under the same client id; the replica is the new scope's.
      await Promise.all([...db.entityTables().map((t) => t.clear()), db.beforeImages.clear()]);
      await db.meta.bulkPut([
        { key: 'cursor', value: 0 },
        { key: 'cursorTag', value: null },
      ]);
    }
    await setMeta(db, 'deviceId', d.deviceId);
    await setMeta(db, 'token', d.token);
    await setMeta(db, 'deviceName', d.name);
    await setMeta(db, 'stationIds', d.stationIds);
  });
  await ensureClientId(db, newId);
  return { ok: true, deviceId: d.deviceId, name: d.name, stationIds: d.stationIds };
}

/** The enrollment to carry over: only when changes wait, and the tablet holds all of its parts. */
async function previousEnrollment(db: FloorboardDB): Promise<PreviousEnrollment | undefined> {
  if ((await db.outbox.count()) === 0) return undefined;
  const [deviceId, clientId, token] = await Promise.all([getMeta(db, 'deviceId'), getMeta(db, 'clientId'), getMeta(db, 'token')]);
  return deviceId && clientId && token ? { deviceId, clientId, token } : undefined;
}
