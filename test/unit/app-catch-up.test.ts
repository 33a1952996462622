import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type FloorboardDB } from '../../app/db';
import { writeCatchUp } from '../../app/sync/rebase';
import type { Change } from '../../shared/protocol';
import type { EntityName } from '../../shared/schema';
import { makeTablet, twoSyncedTablets } from '../sync/fakes/tablet';

type Tablet = Awaited<ReturnType<typeof makeTablet>>;

const note = (id: string, text: string, version = 0) => ({
  id,
  stationId: 's1',
  text,
  authorId: 'u-op',
  at: '2026-01-05T08:00:00.000Z',
  version,
  updatedAt: '',
});
const change = (entity: EntityName, value: { id: string }, version: number): Change => ({
  entity,
  id: value.id,
  version,
  value: { ...value, version } as Change['value'],
});

/** Every entity table of a replica, sorted, for comparing two replicas record for record. */
async function replica(db: FloorboardDB) {
  const out: Record<string, unknown[]> = {};
  for (const t of db.entityTables()) out[t.name] = (await t.toArray()).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return out;
}

/** The same day offline on a tablet: starts, reports, notes and completes, seven entries. */
async function queueShift(t: Tablet) {
  const m = async (name: string, args: unknown) => expect((await t.client.mutate(name, args, 'u-op')).outcome).toBe('applied');
  await m('startOperation', { operationId: 'op1' });
  await m('reportQuantity', { id: 'q1', operationId: 'op1', good: 3, scrap: 0 });
  await m('addNote', { id: 'n1', stationId: 's1', text: 'first piece OK' });
  await m('reportQuantity', { id: 'q2', operationId: 'op1', good: 4, scrap: 0 });
  await m('completeOperation', { operationId: 'op1' });
  await m('startOperation', { operationId: 'op2' });
  await m('reportQuantity', { id: 'q3', operationId: 'op2', good: 2, scrap: 0 });
}

describe('catch-up pulls between the batches of a long push (S7, S8)', () => {
  it('[S7] a flush in several batches pulls between them and ends at exactly the state a flush without them reaches, each quantity once', async () => {
    const runs: { db: FloorboardDB; requests: string[]; server: Tablet['server'] }[] = [];
    for (const catchUp of [true, false]) {
      const t = await makeTablet({ pushBatch: 2, catchUp });
      await t.client.syncNow();
      await queueShift(t);
      t.server.requests.length = 0;
      expect((await t.client.syncNow()).lastError).toBeNull();
      expect(await t.db.outbox.count()).toBe(0);
      expect(await t.db.beforeImages.count()).toBe(0);
      expect((await t.server.get('operations', 'op1'))?.good).toBe(7);
      expect((await t.db.entity('operations').get('op1'))?.good).toBe(7);
      expect((await t.db.entity('operations').get('op2'))?.good).toBe(2);
      runs.push({ db: t.db, requests: [...t.server.requests], server: t.server });
    }
    const [caught, plain] = runs;
    // Four batches of at most two; with catch-up a pull goes out after each batch but the first.
    expect(plain!.requests.filter((r) => r.includes('/push'))).toHaveLength(4);
    expect(plain!.requests.filter((r) => r.includes('/pull'))).toHaveLength(1);
    expect(caught!.requests.filter((r) => r.includes('/push'))).toHaveLength(4);
    expect(caught!.requests.filter((r) => r.includes('/pull')).length).toBeGreaterThan(1);
    expect(caught!.requests.indexOf('GET /api/sync/pull')).toBeLessThan(caught!.requests.lastIndexOf('POST /api/sync/push'));
    // Both replicas hold the server's records exactly (versions included), and the same ones.
    for (const run of runs) {
      for (const [name, records] of Object.entries(await replica(run.db))) {
        for (const r of records) expect(r, `${name} ${(r as { id: string }).id}`).toEqual(await run.server.get(name as EntityName, (r as { id: string }).id));
      }
    }
    const counts = async (db: FloorboardDB) => Object.fromEntries(Object.entries(await replica(db)).map(([k, v]) => [k, v.length]));
    expect(await counts(caught!.db)).toEqual(await counts(plain!.db));
  });

  it('[S7] a record a catch-up rebased comes back, when the server refuses the mutation, as the server last sent it, not as it was before', async () => {
    const { a, b } = await twoSyncedTablets();
    // A queues a note, then a start of op1, while B (unseen by A) starts and completes op1.
    await a.client.mutate('addNote', { id: 'n1', stationId: 's1', text: 'coolant topped up' }, 'u-op');
    await a.client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await b.client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await b.client.mutate('completeOperation', { operationId: 'op1' }, 'u-op');
    await b.client.syncNow();
    a.server.requests.length = 0;
    // One mutation a push; the second push waits until the catch-up pull has been answered, so
    // the catch-up sees the note processed and the start not yet.
    const real = a.server.fetch;
    let pulled: () => void = () => undefined;
    const pullAnswered = new Promise<void>((r) => (pulled = r));
    let pushes = 0;
    a.server.fetch = async (u, i) => {
      if (String(u).includes('/push') && ++pushes === 2) await pullAnswered;
      const res = await real(u, i);
      if (String(u).includes('/pull')) pulled();
      return res;
    };
    const { createSyncClient } = await import('../../app/sync');
    const client = createSyncClient({
      db: a.db,
      baseUrl: 'http://fb.test',
      auth: { kind: 'device' },
      fetch: (u, i) => a.server.fetch(u, i),
      eventSource: false,
      setTimer: () => () => undefined,
      history: false,
      pushBatch: 1,
    });
    expect((await client.syncNow()).lastError).toBeNull();
    expect(a.server.requests.filter((r) => r.includes('/pull')).length).toBe(2);
    // A's start became a conflict (op1 is completed), so the last page has neither op1 nor wo1:
    // both come back from their before-images, which the catch-up set to what B had done.
    expect((await a.db.entity('operations').get('op1'))?.status).toBe('completed');
    expect(await a.db.entity('operations').get('op1')).toEqual(await a.server.get('operations', 'op1'));
    expect(await a.db.entity('workOrders').get('wo1')).toEqual(await a.server.get('workOrders', 'wo1'));
    expect((await a.db.entity('notes').get('n1'))?.version).toBeGreaterThan(0);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.beforeImages.count()).toBe(0);
  });

  describe('writeCatchUp', () => {
    async function replicaWith(name: string) {
      const db = await openDatabase(`catch-up-${name}-${process.pid}`);
      await db.entity('notes').bulkPut([note('mine-done', 'local'), note('mine-pending', 'local'), note('old-image', 'local'), note('gone', 'local')] as never);
      await db.beforeImages.bulkPut([
        { entity: 'notes', id: 'mine-done', value: null, by: 3 },
        { entity: 'notes', id: 'mine-pending', value: null, by: 5 },
        { entity: 'notes', id: 'old-image', value: null },
        { entity: 'notes', id: 'gone', value: note('gone', 'server', 2), by: 5 },
      ]);
      await db.meta.put({ key: 'cursor', value: 10 });
      return db;
    }
    const page = (more: boolean) => ({
      from: 10,
      cursor: 20,
      tag: '20:abc',
      lastMutationId: 4,
      more,
      changes: [
        change('notes', note('others', 'server'), 11),
        change('notes', note('mine-done', 'server'), 12),
        change('notes', note('mine-pending', 'server'), 13),
        change('notes', note('old-image', 'server'), 14),
        { entity: 'notes', id: 'gone', version: 15, deleted: true, value: null } as Change,
      ],
    });

    it('[S7] writes what no pending mutation touched and what only processed ones did; keeps the rest optimistic with the server’s value as its image', async () => {
      const db = await replicaWith('last');
      expect(await writeCatchUp(db, page(false))).toBe(true);
      const text = async (id: string) => (await db.entity('notes').get(id))?.text;
      expect(await text('others')).toBe('server');
      expect(await text('mine-done')).toBe('server');
      expect(await db.beforeImages.get(['notes', 'mine-done'])).toBeUndefined();
      // Touched by mutation 5, not processed yet (lastMutationId 4): the replica stays optimistic.
      expect(await text('mine-pending')).toBe('local');
      expect((await db.beforeImages.get(['notes', 'mine-pending']))?.value).toMatchObject({ text: 'server', version: 13 });
      // An image from before `by` existed counts as pending.
      expect(await text('old-image')).toBe('local');
      expect((await db.beforeImages.get(['notes', 'old-image']))?.value).toMatchObject({ text: 'server' });
      // The server deleted a record a pending mutation touched: its image says so.
      expect(await text('gone')).toBe('local');
      expect((await db.beforeImages.get(['notes', 'gone']))?.value).toBeNull();
      expect((await db.meta.get('cursor'))?.value).toBe(20);
      expect((await db.meta.get('cursorTag'))?.value).toBe('20:abc');
    });

    it('[S7] on a page with more to come, a processed mutation’s record is not written: its effects may be on the next page', async () => {
      const db = await replicaWith('more');
      expect(await writeCatchUp(db, page(true))).toBe(true);
      expect((await db.entity('notes').get('mine-done'))?.text).toBe('local');
      expect((await db.beforeImages.get(['notes', 'mine-done']))?.value).toMatchObject({ text: 'server' });
      expect((await db.entity('notes').get('others'))?.text).toBe('server');
    });

    it('[S6] a page pulled from a cursor that moved writes nothing', async () => {
      const db = await replicaWith('stale');
      await db.meta.put({ key: 'cursor', value: 11 });
      expect(await writeCatchUp(db, page(false))).toBe(false);
      expect(await db.entity('notes').get('others')).toBeUndefined();
      expect((await db.beforeImages.get(['notes', 'mine-pending']))?.value).toBeNull();
      expect((await db.meta.get('cursor'))?.value).toBe(11);
    });
  });
});
