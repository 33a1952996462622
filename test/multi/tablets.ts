import 'fake-indexeddb/auto';
import { openDatabase, setMeta } from '../../app/db';
import { createSyncClient, type SyncStatus } from '../../app/sync';
import { systemClock } from '../../shared/domain/clock';
import { ADMIN_PASSWORD } from './instances';

let n = 0;

/** JSON to and from one server origin (an instance or the proxy). */
export async function api<T = unknown>(
  origin: string,
  path: string,
  init: { body?: unknown; cookie?: string; token?: string; method?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${origin}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** Signs the coordinator in at `origin`; the cookie to send back. */
export async function signIn(origin: string): Promise<string> {
  const r = await api(origin, '/api/session', { body: { username: 'coordinator', password: ADMIN_PASSWORD } });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

/** Creates and enrolls a device at `origin`. */
export async function enroll(origin: string, cookie: string, stationIds: string[], name: string) {
  const created = await api<{ enrollmentCode: string }>(origin, '/api/devices', { body: { name, stationIds }, cookie });
  const enrolled = await api<{ deviceId: string; token: string }>(origin, '/api/devices/enroll', { body: { code: created.body.enrollmentCode } });
  if (enrolled.status !== 200) throw new Error(`enroll failed: ${enrolled.status}`);
  return enrolled.body;
}

/**
 * A tablet running the real app sync client (Dexie over fake-indexeddb) against `origin` over
 * real HTTP. Its timers never fire: the test drives it with `syncNow()`, as its retry timer would.
 */
export async function makeTablet(origin: string, cookie: string, stationIds: string[]) {
  const { deviceId, token } = await enroll(origin, cookie, stationIds, `Cluster tablet ${++n}`);
  const db = await openDatabase(`cluster-${process.pid}-${n}`);
  await setMeta(db, 'deviceId', deviceId);
  await setMeta(db, 'token', token);
  await setMeta(db, 'stationIds', stationIds);
  const client = createSyncClient({
    db,
    baseUrl: origin,
    auth: { kind: 'device' },
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    random: Math.random,
    setTimer: () => () => {},
    eventSource: false,
  });
  return {
    db,
    client,
    token,
    deviceId,
    /** Syncs until the outbox is empty and the last pass was clean; the failures on the way, by code. */
    async syncUntilConfirmed(maxPasses = 200): Promise<Record<string, number>> {
      const failures: Record<string, number> = {};
      for (let i = 0; i < maxPasses; i++) {
        const s: SyncStatus = await client.syncNow();
        if (s.pending === 0 && s.lastError === null) return failures;
        if (s.lastError) failures[s.lastError] = (failures[s.lastError] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`still not confirmed after ${maxPasses} passes: ${JSON.stringify(client.status())}`);
    },
  };
}

export type Tablet = Awaited<ReturnType<typeof makeTablet>>;
