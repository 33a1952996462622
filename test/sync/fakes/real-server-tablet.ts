import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, setMeta } from '../../../app/db';
import { createSyncClient, type SetTimer } from '../../../app/sync';
import type { SyncClientOptions } from '../../../app/sync/types';
import { createApp, type AppConfig } from '../../../server/app';
import { ensureCoordinator } from '../../../server/auth/bootstrap';
import { seedDemoPlant } from '../../../server/seed/demo';
import { createSqliteStore, type SqliteStoreOptions } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/types';
import { COORD_PASSWORD, fakeClock } from '../../server/harness';

/**
 * The real server (Hono app over a real SQLite file) that a tablet's sync client reaches through
 * `app.request()`, with the operator's tools: back the file up, restore an older copy, reopen it
 * with other store options. Tablets are real app/sync clients over fake-indexeddb.
 */
export async function makeRealServer(o: { config?: AppConfig; storeOptions?: Omit<SqliteStoreOptions, 'file'> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fb-real-'));
  const file = join(dir, 'floorboard.sqlite');
  const clock = fakeClock();
  let store: Store = await createSqliteStore({ ...o.storeOptions, file });
  await ensureCoordinator(store, clock, COORD_PASSWORD);
  await seedDemoPlant(store, { clock, pinIterations: 1 });
  const build = () => createApp({ store, clock, config: { staticDir: join(dir, 'dist'), ...o.config } });
  let app = build();
  let failPulls = false;
  const fetch = async (url: string, init?: RequestInit) => {
    if (failPulls && url.includes('/api/sync/pull')) throw new TypeError('connection reset');
    return app.request(url, init);
  };
  const json = async (path: string, init: RequestInit) =>
    (await fetch(`http://fb.test${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } })).json();

  /** Reopens the file (after a restore, or with other store options: "the disk was freed"). */
  async function reopen(storeOptions: Omit<SqliteStoreOptions, 'file'> = {}) {
    await store.close();
    store = await createSqliteStore({ ...storeOptions, file });
    app = build();
  }

  let backups = 0;
  return {
    dir,
    file,
    clock,
    fetch,
    get store() {
      return store;
    },
    reopen,
    /** While true, pulls fail as a dropped connection would (pushes still arrive). */
    set failPulls(v: boolean) {
      failPulls = v;
    },
    /** An online backup of the file (SQLite's backup API, as an operator's nightly job would take). */
    async backup(): Promise<string> {
      const path = join(dir, `backup-${++backups}.sqlite`);
      const db = new Database(file, { readonly: true });
      try {
        await db.backup(path);
      } finally {
        db.close();
      }
      return path;
    },
    /** Stops the server, puts an older copy in place of its file (WAL included), starts it again. */
    async restore(backup: string) {
      await store.close();
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      copyFileSync(backup, file);
      store = await createSqliteStore({ file });
      app = build();
    },
    /** Creates and enrolls a device at the given stations; returns its token. */
    async enroll(stationIds: string[], name = 'Tablet'): Promise<{ deviceId: string; token: string }> {
      const res = await fetch('http://fb.test/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'coordinator', password: COORD_PASSWORD }),
      });
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const created = (await json('/api/devices', { method: 'POST', headers: { cookie }, body: JSON.stringify({ name, stationIds }) })) as {
        enrollmentCode: string;
      };
      return (await json('/api/devices/enroll', { method: 'POST', body: JSON.stringify({ code: created.enrollmentCode }) })) as {
        deviceId: string;
        token: string;
      };
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RealServer = Awaited<ReturnType<typeof makeRealServer>>;

let n = 0;

/** An enrolled tablet at `stationIds` of the real server, with a manual timer (tests fire it). */
export async function makeRealTablet(server: RealServer, stationIds: string[], opts: Pick<SyncClientOptions, 'history'> = {}) {
  const { deviceId, token } = await server.enroll(stationIds);
  // Captured: the client ids below are made later, when `n` has moved on for the next tablet.
  const me = ++n;
  const name = `real-${process.pid}-${me}`;
  const db = await openDatabase(name);
  await setMeta(db, 'deviceId', deviceId);
  await setMeta(db, 'token', token);
  await setMeta(db, 'stationIds', stationIds);
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const setTimer: SetTimer = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return () => void (t.cancelled = true);
  };
  let clients = 0;
  const client = createSyncClient({
    db,
    baseUrl: 'http://fb.test',
    auth: { kind: 'device' },
    fetch: server.fetch,
    clock: { now: () => server.clock.now() },
    random: () => 0.5,
    setTimer,
    eventSource: false,
    newClientId: () => `tablet-${me}-client-${++clients}`,
    ...opts,
  });
  /** The newest timer still armed (the sync client's retry), or undefined. */
  const armed = () => [...timers].reverse().find((t) => !t.cancelled);
  return { db, client, token, deviceId, timers, armed };
}
