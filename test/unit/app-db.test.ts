import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  ensureClientId,
  getMeta,
  openDatabase,
  storesV1,
  storesV2,
  storesV3,
  storesV4,
  storesV5,
  storesV6,
  type FloorboardDB,
  type OutboxEntryV1,
} from '../../app/db';
import { ENTITY_NAMES } from '../../shared/schema';
import { makeTablet } from '../sync/fakes/tablet';
import { makeDocument } from '../fakes/builders';

describe('app/db', () => {
  it('has one table per entity plus outbox and meta, indexed by REF_FIELD', () => {
    // Collections added later (documents v4, plantSettings v5) get their table in the version that adds them.
    const s = { ...storesV1(), ...storesV4(), ...storesV5() };
    expect(storesV1().plantSettings).toBeUndefined();
    expect(storesV1().documents).toBeUndefined();
    for (const e of ENTITY_NAMES) expect(s[e]).toMatch(/^id/);
    expect(s.operations).toContain('workOrderId');
    expect(s.operations).toContain('stationId');
    expect(s.travelers).toContain('barcode');
    expect(s.outbox).toBe('id');
  });

  it('[T3] version 4 adds the documents table, by number and sha256, and version 1 stays without it', () => {
    expect(storesV1().documents).toBeUndefined();
    expect(storesV4()).toEqual({ documents: 'id,number,sha256' });
  });

  it('[D1] a queued mutation waits for the flush (strict durability); pull pages, which a power cut may lose without harm, do not', async () => {
    // Dexie binds IDBDatabase.transaction when it opens: watch it on the prototype, before.
    const proto = globalThis.IDBDatabase.prototype;
    const real = proto.transaction;
    const seen: { conn: IDBDatabase; stores: string[]; durability: string }[] = [];
    proto.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      const tx = real.call(this, stores, mode, options);
      if (mode === 'readwrite') seen.push({ conn: this, stores: [stores].flat(), durability: tx.durability });
      return tx;
    } as typeof real;
    let db: FloorboardDB;
    try {
      const t = await makeTablet();
      db = t.db;
      await t.client.syncNow();
      expect((await t.client.mutate('addNote', { id: 'n-d1', stationId: 's1', text: 'durable' }, 'u-op')).outcome).toBe('applied');
      await t.client.syncNow();
    } finally {
      proto.transaction = real;
    }
    const primary = seen.filter((s) => s.conn === db.backendDB());
    const twin = (await db.relaxed()).backendDB();
    const pages = seen.filter((s) => s.conn === twin);
    // Enrollment, the mutate (with its outbox entry) and the push's saved id: strict.
    expect(primary.some((s) => s.stores.includes('outbox') && s.stores.includes('notes'))).toBe(true);
    expect(new Set(primary.map((s) => s.durability))).toEqual(new Set(['strict']));
    // The two pulls' pages: relaxed.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(pages.map((s) => s.durability))).toEqual(new Set(['relaxed']));
  });

  it('[S1] keeps the clientId for the life of the IndexedDB instance', async () => {
    const db = await openDatabase(`db-client-${process.pid}`);
    const a = await ensureClientId(db, () => 'client-aaaaaaaa');
    const b = await ensureClientId(db, () => 'client-bbbbbbbb');
    expect(b).toBe(a);
    db.close();
    const again = await openDatabase(`db-client-${process.pid}`);
    expect(await getMeta(again, 'clientId')).toBe('client-aaaaaaaa');
    again.close();
  });

  it('[S1][S7] the outbox and the next mutation id survive reopening the database', async () => {
    const { db, name, client } = await makeTablet();
    await client.syncNow();
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await client.mutate('addNote', { id: 'n1', stationId: 's1', text: 'coolant low' }, 'u-op');
    db.close();
    const reopened = await openDatabase(name);
    expect((await reopened.outbox.toArray()).map((e) => e.id)).toEqual([1, 2]);
    expect(await getMeta(reopened, 'nextMutationId')).toBe(3);
    expect((await reopened.entity('operations').get('op1'))?.status).toBe('running');
    reopened.close();
  });

  it('[S7] upgrading from version 1 moves each record’s oldest before-image out of the outbox; nothing pending is lost', async () => {
    const name = `db-v1-${process.pid}`;
    const at = '2026-01-05T08:00:00.000Z';
    const m = { version: 3, updatedAt: at };
    const pending = { id: 'op1', workOrderId: 'wo1', stationId: 's1', status: 'pending', good: 0, scrap: 0, ...m };
    const running = { ...pending, status: 'running' };
    const v1 = new Dexie(name);
    v1.version(1).stores(storesV1());
    await v1.open();
    await v1.table('operations').put({ ...running, good: 4 });
    const entries: OutboxEntryV1[] = [
      { id: 1, name: 'startOperation', args: { operationId: 'op1' }, actorId: 'u-op', at, before: [{ entity: 'operations', id: 'op1', value: pending }] },
      {
        id: 2,
        name: 'reportQuantity',
        args: { id: 'q1', operationId: 'op1', good: 4, scrap: 0 },
        actorId: 'u-op',
        at,
        before: [
          { entity: 'quantityReports', id: 'q1', value: null },
          { entity: 'operations', id: 'op1', value: running },
        ],
      },
      { id: 3, name: 'addNote', args: { id: 'n1', stationId: 's1', text: 'x' }, actorId: 'u-op', at, base: 7, before: [] },
    ];
    await v1.table('outbox').bulkAdd(entries);
    v1.close();

    const db = await openDatabase(name);
    expect(db.verno).toBe(6);
    expect(await db.outbox.toArray()).toEqual(entries.map(({ before: _, ...e }) => e));
    expect(await db.beforeImages.count()).toBe(2);
    // A revert must bring op1 back to what the server last sent: the image of entry 1, not of 2.
    expect((await db.beforeImages.get(['operations', 'op1']))?.value).toEqual(pending);
    expect((await db.beforeImages.get(['quantityReports', 'q1']))?.value).toBeNull();
    expect((await db.entity('operations').get('op1'))?.good).toBe(4);
    db.close();
  });

  it('version 3 drops the indexes no query reads and keeps every record and the outbox', async () => {
    const name = `db-v2-${process.pid}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(storesV1());
    v2.version(2).stores(storesV2());
    await v2.open();
    await v2.table('workOrders').put({ id: 'wo1', priority: 2, version: 1, updatedAt: '' });
    await v2.table('notes').put({ id: 'n1', stationId: 's1', at: '2026-01-05T08:00:00.000Z', text: 'x', version: 1, updatedAt: '' });
    await v2.table('outbox').add({ id: 1, name: 'addNote', args: { id: 'n2', stationId: 's1', text: 'y' }, actorId: 'u-op', at: '' });
    v2.close();

    const db = await openDatabase(name);
    expect(db.verno).toBe(6);
    // Priority is gone (version 3); number came back as the scan's index (version 6).
    expect(db.table('workOrders').schema.indexes.map((i) => i.name)).toEqual(['number']);
    expect(db.table('notes').schema.indexes.map((i) => i.name)).toEqual(['stationId']);
    expect((await db.entity('workOrders').get('wo1'))?.priority).toBe(2);
    expect((await db.entity('notes').where('stationId').equals('s1').toArray()).map((n) => n.id)).toEqual(['n1']);
    expect(await db.outbox.count()).toBe(1);
    // Version 4 adds the plant's settings (A2: the idle sign-out time).
    await db.entity('plantSettings').put({ id: 'plant', idleSignOutMinutes: 10, version: 1, updatedAt: '' });
    expect((await db.entity('plantSettings').get('plant'))?.idleSignOutMinutes).toBe(10);
    db.close();
  });

  it('[§9] version 6 indexes work orders by number for the scan, keeping every work order of a version 5 database', async () => {
    const name = `db-v5-${process.pid}`;
    const v5 = new Dexie(name);
    v5.version(1).stores(storesV1());
    v5.version(2).stores(storesV2());
    v5.version(3).stores(storesV3());
    v5.version(4).stores(storesV4());
    v5.version(5).stores(storesV5());
    await v5.open();
    await v5.table('workOrders').bulkPut([
      { id: 'wo1', number: 'WO-1', version: 1, updatedAt: '' },
      { id: 'wo2', number: 'WO-2', version: 1, updatedAt: '' },
    ]);
    v5.close();
    expect(Object.keys(storesV6())).toEqual(['workOrders']);

    const db = await openDatabase(name);
    expect(db.verno).toBe(6);
    expect(db.table('workOrders').schema.indexes.map((i) => i.name)).toEqual(['number']);
    expect((await db.entity('workOrders').where('number').equals('WO-2').first())?.id).toBe('wo2');
    db.close();
  });

  it('[T3] version 4 adds the documents table to a version 3 database and keeps everything else', async () => {
    const name = `db-v3-${process.pid}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(storesV1());
    v3.version(2).stores(storesV2());
    v3.version(3).stores(storesV3());
    await v3.open();
    await v3.table('notes').put({ id: 'n1', stationId: 's1', at: '2026-01-05T08:00:00.000Z', text: 'x', version: 1, updatedAt: '' });
    v3.close();

    const db = await openDatabase(name);
    expect(db.verno).toBe(6);
    expect(db.table('documents').schema.indexes.map((i) => i.name)).toEqual(['number', 'sha256']);
    await db.entity('documents').put(makeDocument({ sha256: 'c'.repeat(64) }));
    expect((await db.entity('documents').where('sha256').equals('c'.repeat(64)).toArray()).map((d) => d.id)).toEqual(['doc-1']);
    expect((await db.entity('notes').get('n1'))?.text).toBe('x');
    db.close();
  });
});
