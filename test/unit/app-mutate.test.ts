import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeTablet } from '../sync/fakes/tablet';

describe('mutate (optimistic apply + outbox)', () => {
  it('[S7] applies and queues in one transaction, with before-images', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    const r = await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    expect(r.outcome).toBe('applied');
    expect((await db.entity('operations').get('op1'))?.status).toBe('running');
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ id: 1, name: 'startOperation', actorId: 'u-op', args: { operationId: 'op1' } });
    expect((await db.beforeImages.get(['operations', 'op1']))?.value).toMatchObject({ status: 'pending' });
    expect(client.status().pending).toBe(1);
  });

  it('[S7] if the outbox write fails, the optimistic apply is rolled back too', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    // Occupy the id the next mutation would take, so its outbox add() fails inside the transaction.
    await db.outbox.add({ id: 1, name: 'addNote', args: {}, actorId: 'u-op', at: '2026-01-01T00:00:00.000Z' });
    await expect(client.mutate('startOperation', { operationId: 'op1' }, 'u-op')).rejects.toThrow();
    expect((await db.entity('operations').get('op1'))?.status).toBe('pending');
  });

  it('[S5] a mutation the local state rejects is returned and not queued', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    const r = await client.mutate('completeOperation', { operationId: 'op1' }, 'u-op');
    expect(r).toMatchObject({ outcome: 'conflict', code: 'operation-not-started' });
    const bad = await client.mutate('reportQuantity', { id: 'q', operationId: 'op1', good: 0, scrap: 0 }, 'u-op');
    expect(bad).toMatchObject({ outcome: 'rejected', code: 'empty-report' });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.entity('operations').get('op1'))?.status).toBe('pending');
    expect(await db.entity('quantityReports').count()).toBe(0);
  });

  it('[S5] through the untyped door, an unknown name or bad arguments are rejected locally and not queued', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    expect(await client.mutateUnchecked('launchRocket', { to: 'mars' }, 'u-op')).toMatchObject({ outcome: 'rejected', code: 'unknown-mutation' });
    expect(await client.mutateUnchecked('startOperation', { opId: 'op1' }, 'u-op')).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('rejects an actor the tablet does not know, without queueing', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    expect(await client.mutate('startOperation', { operationId: 'op1' }, 'ghost')).toMatchObject({ code: 'unknown-actor' });
    expect(await db.outbox.count()).toBe(0);
  });
});
