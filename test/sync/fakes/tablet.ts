import 'fake-indexeddb/auto';
import { openDatabase, setMeta } from '../../../app/db';
import { createSyncClient } from '../../../app/sync';
import type { SetTimer, SyncClientOptions } from '../../../app/sync';
import { createFakeServer } from './fake-server';

let n = 0;

/** A fresh enrolled tablet database, its sync client against a fake server, and a manual timer. */
export async function makeTablet(overrides: Partial<SyncClientOptions> = {}, server = createFakeServer()) {
  const name = `unit-${process.pid}-${++n}`;
  const db = await openDatabase(name);
  await setMeta(db, 'deviceId', 'dev1');
  await setMeta(db, 'token', 'tok');
  await setMeta(db, 'stationIds', ['s1', 's2']);
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
  return { db, name, client, server, timers };
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

/** Two tablets on one fake server, each with a first sync done. */
export async function twoSyncedTablets() {
  const server = createFakeServer();
  const a = await makeTablet({}, server);
  const b = await makeTablet({}, server);
  await a.client.syncNow();
  await b.client.syncNow();
  return { server, a, b };
}
