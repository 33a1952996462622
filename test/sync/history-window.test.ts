import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, pruneReplica, type FloorboardDB } from '../../app/db';
import { createSyncClient, type SyncClient } from '../../app/sync';
import type { MutationInput, MutationName } from '../../shared/domain/mutators';
import { consoleCutoff } from '../../shared/domain/retention';
import type { Hold, WorkOrder } from '../../shared/schema';
import { COORD_PASSWORD } from '../server/harness';
import { allOf } from '../server/fixtures';
import { makeRealServer, makeRealTablet, type RealServer } from './fakes/real-server-tablet';

const DAY = 86_400_000;
const COORD = 'u-coordinator';
let n = 0;

/** The coordinator console over fake-indexeddb, signed in to the real server with its cookie. */
async function makeConsole(server: RealServer): Promise<{ db: FloorboardDB; client: SyncClient; signIn: () => Promise<void> }> {
  let cookie = '';
  const signIn = async () => {
    const res = await server.fetch('http://fb.test/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: COORD_PASSWORD }),
    });
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  };
  await signIn();
  const db = await openDatabase(`console-${process.pid}-${++n}`);
  const fetch = (url: string, init?: RequestInit) =>
    server.fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie, origin: 'http://fb.test' } });
  const client = createSyncClient({
    db,
    baseUrl: 'http://fb.test',
    auth: { kind: 'console' },
    fetch,
    clock: server.clock,
    random: () => 0.5,
    setTimer: () => () => undefined,
    eventSource: false,
    newClientId: () => `console-client-${n}`,
  });
  return { db, client, signIn };
}

describe('the console’s history window (D4) over fake-indexeddb against the real server', () => {
  let server: RealServer;
  afterEach(() => server.close());

  it('[D4] finished records older than 14 days leave the console’s replica, never the server; live ones, recent ones and pending ones stay; a later pull brings none back', async () => {
    server = await makeRealServer();
    const { db, client, signIn } = await makeConsole(server);
    expect((await client.syncNow()).lastError).toBeNull();
    const wo = (await allOf<WorkOrder>(server.store, 'workOrders')).find((w) => w.status === 'released')!;
    const openHolds = (await allOf<Hold>(server.store, 'holds')).filter((h) => h.status === 'open').map((h) => h.id);
    const act = async <N extends MutationName>(name: N, args: MutationInput<N>) => expect((await client.mutate(name, args, COORD)).outcome).toBe('applied');
    await act('addNote', { id: 'n-old', stationId: 'st-mill-1', text: 'old news' });
    await act('placeHold', { id: 'h-old', workOrderId: wo.id, kind: 'material', reason: 'bar stock late' });
    await act('releaseHold', { holdId: 'h-old' });
    await act('postScheduleChange', { id: 'chg-old', kind: 'note', message: 'old memo', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false });
    await act('postScheduleChange', {
      id: 'chg-kept',
      kind: 'note',
      message: 'memo someone still answers',
      stationIds: ['st-mill-1'],
      workOrderIds: [],
      requiresAck: false,
    });
    expect((await client.syncNow()).lastError).toBeNull();
    const oldAudit = await db.table('audit').count();
    expect(oldAudit).toBeGreaterThanOrEqual(5);

    server.clock.advance(15 * DAY);
    await signIn(); // the session of two weeks ago has expired (A3)
    await act('addNote', { id: 'n-new', stationId: 'st-mill-1', text: 'fresh' });
    // Queued, not yet pushed: the change it names and the record it wrote must survive a prune.
    await act('acknowledgeChange', { changeId: 'chg-kept' });
    const outbox = await db.outbox.toArray();
    await pruneReplica(db, consoleCutoff(server.clock.now()));
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await db.table('scheduleChanges').get('chg-kept')).toBeDefined();
    expect(await db.table('scheduleChanges').get('chg-old')).toBeUndefined();

    expect((await client.syncNow()).lastError).toBeNull();
    const has = async (entity: string, id: string) => (await db.table(entity).get(id)) !== undefined;
    expect(await has('notes', 'n-old')).toBe(false);
    expect(await has('holds', 'h-old')).toBe(false);
    expect(await has('notes', 'n-new')).toBe(true);
    expect(await has('acknowledgements', `chg-kept:${COORD}`)).toBe(true);
    // What the console needs stays: open work, open holds, the plant.
    expect(await has('workOrders', wo.id)).toBe(true);
    for (const id of openHolds) expect(await has('holds', id)).toBe(true);
    expect(await db.table('stations').count()).toBe((await allOf(server.store, 'stations')).length);
    expect(await db.table('audit').count()).toBeLessThan(oldAudit + 3);
    // Never from the server.
    for (const [e, id] of [
      ['notes', 'n-old'],
      ['holds', 'h-old'],
      ['scheduleChanges', 'chg-old'],
    ] as const) {
      expect(await server.store.getRecord(e, id)).toMatchObject({ deleted: false });
    }
    // A later pull does not bring them back: they did not change.
    await act('addNote', { id: 'n-newer', stationId: 'st-mill-1', text: 'later' });
    expect((await client.syncNow()).lastError).toBeNull();
    expect(await has('notes', 'n-newer')).toBe(true);
    expect(await has('notes', 'n-old')).toBe(false);
    expect(await has('holds', 'h-old')).toBe(false);

    // Two more weeks: the sync client prunes by itself, after its pull.
    server.clock.advance(15 * DAY);
    await signIn();
    expect(await has('notes', 'n-new')).toBe(true);
    expect((await client.syncNow()).lastError).toBeNull();
    expect(await has('notes', 'n-new')).toBe(false);
    expect(await has('workOrders', wo.id)).toBe(true);
  });

  it('[D4] a console opened on a replica with old history prunes it at start, even with the server gone', async () => {
    server = await makeRealServer();
    const first = await makeConsole(server);
    expect((await first.client.syncNow()).lastError).toBeNull();
    expect((await first.client.mutate('addNote', { id: 'n-old', stationId: 'st-mill-1', text: 'old' }, COORD)).outcome).toBe('applied');
    expect((await first.client.syncNow()).lastError).toBeNull();
    server.clock.advance(15 * DAY);
    server.failPulls = true;
    // A reload: a new sync client on the same IndexedDB.
    const again = createSyncClient({
      db: first.db,
      baseUrl: 'http://fb.test',
      auth: { kind: 'console' },
      fetch: () => Promise.reject(new TypeError('offline')),
      clock: server.clock,
      setTimer: () => () => undefined,
      eventSource: false,
    });
    expect((await again.syncNow()).lastError).toBe('offline');
    expect(await first.db.table('notes').get('n-old')).toBeUndefined();
    expect(await first.db.table('workOrders').count()).toBeGreaterThan(0);
  });

  it('[D4] a station tablet keeps the current and the previous shift of finished work, and everything live', async () => {
    server = await makeRealServer();
    // The demo plant's shifts (06–14, 14–22, 22–06) on a plant in UTC.
    const t = await makeRealTablet(server, ['st-mill-1'], { history: { zoneOffset: () => 0 } });
    expect((await t.client.syncNow()).lastError).toBeNull();
    const ops = await t.db.table('operations').count();
    const note = async (id: string) => {
      expect((await t.client.mutate('addNote', { id, stationId: 'st-mill-1', text: id }, 'u-op-nguyen')).outcome).toBe('applied');
      expect((await t.client.syncNow()).lastError).toBeNull();
    };
    await note('n-day-shift'); // 10:00, day shift
    server.clock.advance(10 * 3_600_000);
    await note('n-swing-shift'); // 20:00, swing shift
    server.clock.advance(10 * 3_600_000); // 06:00 next day: the day shift again, the night shift before it
    expect((await t.client.syncNow()).lastError).toBeNull();
    expect(await t.db.table('notes').get('n-day-shift')).toBeUndefined();
    expect(await t.db.table('notes').get('n-swing-shift')).toBeDefined();
    expect(await t.db.table('operations').count()).toBe(ops);
    t.client.stop();
  });
});
