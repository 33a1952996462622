import 'fake-indexeddb/auto';
import { openDatabase } from '../../../app/db';
import { createSyncClient, enrollDevice } from '../../../app/sync';
import type { SetTimer, SyncClientOptions } from '../../../app/sync';
import { memoryLockoutStore } from '../../../app/session/lockout';
import { signIn } from '../../../app/session/user';
import { LEAD } from './plant';
import { createTestServer, type TestServer } from './server';

let n = 0;

/**
 * A fresh tablet database enrolled on the real server (a device at s1 + s2), its sync client over
 * the server's fake network, and a manual timer. Pass a server to put several tablets on one.
 */
export async function makeTablet(overrides: Partial<SyncClientOptions> = {}, given?: TestServer) {
  const server = given ?? (await createTestServer());
  const name = `unit-${process.pid}-${++n}`;
  const db = await openDatabase(name);
  const { enrollmentCode } = await server.newDevice();
  const enrolled = await enrollDevice(db, 'http://fb.test', enrollmentCode, (u, i) => server.fetch(u, i));
  if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.code}`);
  server.requests.length = 0;
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const setTimer: SetTimer = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return () => void (t.cancelled = true);
  };
  let t = Date.parse('2026-01-05T08:00:00.000Z');
  const client = createSyncClient({
    db,
    baseUrl: 'http://fb.test',
    auth: { kind: 'device' },
    fetch: (u, i) => server.fetch(u, i),
    clock: { now: () => (t += 1000) },
    random: () => 0.5,
    setTimer,
    eventSource: false,
    ...overrides,
  });
  return { db, name, client, server, timers, deviceId: enrolled.deviceId };
}

/**
 * One sync pass whose pushes reach the server but whose pull fails (the connection drops after
 * the push): the entries stay queued, processed by the server but not confirmed on the tablet.
 */
export async function syncWithPullFailing(tablet: Pick<Awaited<ReturnType<typeof makeTablet>>, 'client' | 'server'>) {
  const { client, server } = tablet;
  const real = server.fetch;
  server.fetch = async (u, i) => {
    if (String(u).includes('pull')) throw new TypeError('connection reset');
    return real(u, i);
  };
  try {
    await client.syncNow();
  } finally {
    server.fetch = real;
  }
}

/** Two tablets on one real server, each with a first sync done. */
export async function twoSyncedTablets() {
  const server = await createTestServer();
  const a = await makeTablet({}, server);
  const b = await makeTablet({}, server);
  await a.client.syncNow();
  await b.client.syncNow();
  return { server, a, b };
}

/** Signs the plant's lead in on a tablet with badge and PIN, as the sign-in screen does (A2). */
export async function signInLead(tablet: { db: Awaited<ReturnType<typeof makeTablet>>['db'] }) {
  const r = await signIn(tablet.db, LEAD.badge, LEAD.pin, ['s1', 's2'], Date.parse('2026-01-05T08:00:00.000Z'), memoryLockoutStore());
  if (!r.ok) throw new Error(`lead sign-in failed: ${r.reason}`);
}
