import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ensureClientId, getMeta, openDatabase, storesV1 } from '../../app/db';
import { ENTITY_NAMES } from '../../shared/schema';
import { makeTablet } from '../sync/fakes/tablet';

describe('app/db', () => {
  it('has one table per entity plus outbox and meta, indexed by REF_FIELD', () => {
    const s = storesV1();
    for (const e of ENTITY_NAMES) expect(s[e]).toMatch(/^id/);
    expect(s.operations).toContain('workOrderId');
    expect(s.operations).toContain('stationId');
    expect(s.travelers).toContain('barcode');
    expect(s.outbox).toBe('id');
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
});
