import { EnrollResponse } from '../../shared/protocol';
import type { FloorboardDB } from '../db';
import { ensureClientId, getMeta, setMeta } from '../db';
import { newId } from '../../shared/ids';
import type { FetchLike } from './types';

export type EnrollResult = { ok: true; deviceId: string; name: string; stationIds: string[] } | { ok: false; code: string; message: string; retryAt?: string };

/**
 * A1: trades a one-time enrollment code for the device token and keeps it in meta. A tablet
 * re-enrolled as another device with nothing queued starts a fresh replica (its scope changed).
 */
export async function enrollDevice(db: FloorboardDB, baseUrl: string, code: string, fetchFn: FetchLike = (u, i) => fetch(u, i)): Promise<EnrollResult> {
  let res: Response;
  try {
    res = await fetchFn(`${baseUrl}/api/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.trim() }),
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
    }
    await setMeta(db, 'deviceId', d.deviceId);
    await setMeta(db, 'token', d.token);
    await setMeta(db, 'deviceName', d.name);
    await setMeta(db, 'stationIds', d.stationIds);
  });
  await ensureClientId(db, newId);
  return { ok: true, deviceId: d.deviceId, name: d.name, stationIds: d.stationIds };
}
