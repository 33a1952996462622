import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PULL_PAGE_SIZE } from '../../shared/protocol';
import { makeTablet, signInLead, syncWithPullFailing, twoSyncedTablets } from '../sync/fakes/tablet';

const report = (id: string, good: number) => ({ id, operationId: 'op1', good, scrap: 0 });

describe('pull + rebase (S7)', () => {
  it('[S7] a reported quantity counts once after push, pull and another pull', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('reportQuantity', report('q1', 5), 'u-op');
    expect((await db.entity('operations').get('op1'))?.good).toBe(5);
    await client.syncNow();
    await client.syncNow();
    expect((await db.entity('operations').get('op1'))?.good).toBe(5);
    expect((await server.get('operations', 'op1'))?.good).toBe(5);
    expect(await db.outbox.count()).toBe(0);
  });

  it('[S7] pending entries are re-applied on top of other tablets’ changes, counted once', async () => {
    const { a, b } = await twoSyncedTablets();
    await a.client.mutate('reportQuantity', report('qa', 3), 'u-op');
    await b.client.mutate('reportQuantity', report('qb', 4), 'u-op');
    await b.client.syncNow();
    // A pulls without pushing first: B's 4 arrive under A's pending 3.
    const pendingBefore = await a.db.outbox.count();
    await a.client.syncNow();
    expect(pendingBefore).toBe(1);
    expect((await a.db.entity('operations').get('op1'))?.good).toBe(7);
    await a.client.syncNow();
    expect((await a.db.entity('operations').get('op1'))?.good).toBe(7);
    await b.client.syncNow();
    expect((await b.db.entity('operations').get('op1'))?.good).toBe(7);
  });

  it('[S7] a push whose answer was lost is confirmed by the pull, not applied twice', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('reportQuantity', report('q1', 2), 'u-op');
    // The push reaches the server but the tablet sees a network error.
    const real = server.fetch;
    let first = true;
    server.fetch = async (u, i) => {
      const res = await real(u, i);
      if (first && String(u).includes('push')) {
        first = false;
        throw new TypeError('connection reset');
      }
      return res;
    };
    const s = await client.syncNow();
    expect(s.online).toBe(false);
    expect((await db.entity('operations').get('op1'))?.good).toBe(2);
    await client.syncNow();
    expect((await db.entity('operations').get('op1'))?.good).toBe(2);
    expect((await server.applied()).filter((x) => x.id === 1)).toHaveLength(1);
  });

  it('[S7] a pending mutation the server rejected is dropped and its effect reverted', async () => {
    const { a, b } = await twoSyncedTablets();
    await a.client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await a.client.mutate('completeOperation', { operationId: 'op1' }, 'u-op');
    await b.client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await a.client.syncNow();
    await b.client.syncNow(); // B's start now conflicts on the server: op1 is completed.
    expect((await b.db.entity('operations').get('op1'))?.status).toBe('completed');
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('[S7] a pull that confirms the whole outbox reverts, from its before-image, what the server did not apply', async () => {
    const { a, b: lead } = await twoSyncedTablets();
    // A starts op1 and writes a note while a hold it has not seen yet goes on the job.
    await a.client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await a.client.mutate('addNote', { id: 'n1', stationId: 's1', text: 'first piece OK' }, 'u-op');
    expect((await a.db.entity('workOrders').get('wo1'))?.status).toBe('in-progress');
    expect(await a.db.beforeImages.count()).toBe(3); // op1, wo1, n1: one image a record
    await signInLead(lead);
    expect((await lead.client.mutate('placeHold', { id: 'h1', workOrderId: 'wo1', kind: 'quality', reason: 'burr' }, 'u-ld')).outcome).toBe('applied');
    await lead.client.syncNow();
    await a.client.syncNow();
    // The start became a conflict on the server, so op1 and wo1 are not in the page: they come
    // back from the before-images; the note is the server's.
    expect((await a.db.entity('operations').get('op1'))?.status).toBe('pending');
    expect((await a.db.entity('workOrders').get('wo1'))?.status).toBe('released');
    expect((await a.db.entity('notes').get('n1'))?.version).toBeGreaterThan(0);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.beforeImages.count()).toBe(0);
  });

  it('[S7] a pull that confirms part of the outbox keeps the rest, re-applied on the server’s state with fresh before-images', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    // Pushed, but the pull fails: entry 1 stays until a pull confirms it.
    await syncWithPullFailing({ client, server });
    await client.mutate('reportQuantity', report('q1', 5), 'u-op');
    // Pull only (no push): the page confirms entry 1, not entry 2.
    const { createRequester } = await import('../../app/sync/http');
    const { pullAll } = await import('../../app/sync/pull');
    const request = createRequester(db, 'http://fb.test', { kind: 'device' }, (u, i) => server.fetch(u, i));
    await request.prepare();
    const clientId = (await db.meta.get('clientId'))!.value as string;
    expect(await pullAll(db, { kind: 'device' }, request, clientId, () => '2026-01-05T09:00:00.000Z')).toBeNull();
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([2]);
    const op1 = await db.entity('operations').get('op1');
    expect(op1).toMatchObject({ status: 'running', good: 5 });
    // The image a revert would restore is the server's op1 (started, nothing reported), not the
    // one taken before entry 1.
    const image = (await db.beforeImages.get(['operations', 'op1']))?.value;
    expect(image).toMatchObject({ status: 'running', good: 0, version: (await server.get('operations', 'op1'))!.version });
    expect((await db.beforeImages.get(['quantityReports', 'q1']))?.value).toBeNull();
    await client.syncNow();
    expect((await db.entity('operations').get('op1'))?.good).toBe(5);
    expect((await server.get('operations', 'op1'))?.good).toBe(5);
    expect(await db.beforeImages.count()).toBe(0);
  });

  it('[S6] a reset clears the replica, keeps the outbox, and pulls again from 0', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await db.entity('stations').put({ id: 'stale', name: 'gone', departmentId: 'dep', line: '', version: 1, updatedAt: '' });
    // The server came back from an older backup: the tablet's cursor is beyond its head, so it answers reset.
    await db.meta.put({ key: 'cursor', value: (await server.store.head()) + 1000 });
    // A mutation queued while offline must survive the reset and be re-applied on the new replica.
    server.override = 'network';
    await client.mutate('startOperation', { operationId: 'op2' }, 'u-op');
    await client.syncNow();
    await client.syncNow();
    expect(await db.entity('stations').get('stale')).toBeUndefined();
    expect((await db.entity('operations').get('op2'))?.status).toBe('running');
    expect((await server.get('operations', 'op2'))?.status).toBe('running');
    expect((await db.meta.get('cursor'))!.value).toBe(await server.store.head());
  });

  it('[S7] with mutations pending, a many-page pull is rebased once, counted once', async () => {
    const { server, a, b } = await twoSyncedTablets();
    await b.client.mutate('reportQuantity', report('qb', 4), 'u-op');
    await b.client.mutate('addNote', { id: 'nb', stationId: 's1', text: 'b' }, 'u-op');
    await b.client.syncNow();
    // More changes than one page holds, after B's: A's pull spans pages with its report pending.
    await server.addFiller(PULL_PAGE_SIZE + 10);
    await a.client.mutate('reportQuantity', report('qa', 3), 'u-op');
    server.requests.length = 0;
    await a.client.syncNow();
    expect(server.requests.filter((r) => r.includes('pull')).length).toBeGreaterThanOrEqual(2);
    expect((await a.db.entity('operations').get('op1'))?.good).toBe(7);
    expect(await a.db.entity('notes').count()).toBe(1);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('[S6] a page pulled from a cursor another tab has moved is not written (old never over new)', async () => {
    const { db, client } = await makeTablet();
    await client.syncNow();
    const { writePage } = await import('../../app/sync/rebase');
    const cursor = (await db.meta.get('cursor'))!.value as number;
    const stale = {
      entity: 'stations' as const,
      id: 's1',
      version: 1,
      value: { id: 's1', name: 'OLD', departmentId: 'dep', line: '', version: 1, updatedAt: '' },
    };
    const ok = await writePage(db, { kind: 'device' }, { from: cursor - 1, changes: [stale], cursor: cursor - 1, lastMutationId: 0, final: true });
    expect(ok).toBe(false);
    expect((await db.entity('stations').get('s1'))?.name).toBe('Lathe');
    expect((await db.meta.get('cursor'))!.value).toBe(cursor);
  });

  it('[S6] pages are pulled until more is false', async () => {
    const { db, client, server } = await makeTablet();
    await server.addFiller(PULL_PAGE_SIZE + 1);
    await client.syncNow();
    expect(await db.entity('operations').count()).toBe(2);
    expect(await db.entity('reasonCodes').count()).toBe(PULL_PAGE_SIZE + 1);
    expect(server.requests.filter((r) => r.includes('pull')).length).toBeGreaterThanOrEqual(2);
  });
});
