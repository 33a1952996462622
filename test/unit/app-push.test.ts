import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FloorboardDB, OutboxEntry } from '../../app/db';
import { MAX_PUSH_MUTATIONS } from '../../shared/protocol';
import { makeTablet, syncWithPullFailing } from '../sync/fakes/tablet';

/** Queues notes straight into the outbox (no optimistic apply needed to test the push). */
async function queueNotes(db: FloorboardDB, from: number, n: number) {
  const entries: OutboxEntry[] = [];
  for (let id = from; id < from + n; id++) {
    entries.push({ id, name: 'addNote', args: { id: `n${id}`, stationId: 's1', text: `note ${id}` }, actorId: 'u-op', at: '2026-01-05T08:00:00.000Z' });
  }
  await db.outbox.bulkAdd(entries);
  await db.meta.put({ key: 'nextMutationId', value: from + n });
}

/** Records the first and last mutation id of every push body. */
function watchPushes(server: { fetch: (u: string, i?: RequestInit) => Promise<Response> }) {
  const batches: [number, number][] = [];
  const real = server.fetch;
  server.fetch = async (u, i) => {
    if (String(u).includes('/push')) {
      const ids = (JSON.parse(String(i?.body)) as { mutations: { id: number }[] }).mutations.map((m) => m.id);
      batches.push([ids[0]!, ids[ids.length - 1]!]);
    }
    return real(u, i);
  };
  return batches;
}

describe('push (S2, S3)', () => {
  it('[S2] pushes the outbox in id order, in batches of MAX_PUSH_MUTATIONS, each id once', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await queueNotes(db, 1, 2 * MAX_PUSH_MUTATIONS + 200);
    const batches = watchPushes(server);
    expect((await client.syncNow()).lastError).toBeNull();
    const M = MAX_PUSH_MUTATIONS;
    expect(batches).toEqual([
      [1, M],
      [M + 1, 2 * M],
      [2 * M + 1, 2 * M + 200],
    ]);
    expect((await server.applied()).map((a) => a.id)).toEqual(Array.from({ length: 2 * M + 200 }, (_, i) => i + 1));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entity('notes').count()).toBe(2 * M + 200);
  });

  it('[S2] an answer beyond the batch (an earlier answer was lost) skips ahead instead of resending', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    const M = MAX_PUSH_MUTATIONS;
    await queueNotes(db, 1, 2 * M);
    // Both batches reach the server, the pull fails: the entries stay queued.
    await syncWithPullFailing({ client, server });
    // The tablet lost what it knew of the server's lastMutationId, and queued more meanwhile.
    await db.meta.put({ key: 'lastMutationId', value: 0 });
    await queueNotes(db, 2 * M + 1, 10);
    const batches = watchPushes(server);
    expect((await client.syncNow()).lastError).toBeNull();
    // The first batch is answered with 2M: the next one starts after it, not at M + 1.
    expect(batches).toEqual([
      [1, M],
      [2 * M + 1, 2 * M + 10],
    ]);
    expect((await server.applied()).filter((a) => a.id <= M)).toHaveLength(M);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.meta.get('lastMutationId'))?.value).toBe(2 * M + 10);
  });
});
