import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getMeta } from '../../app/db';
import { backoffDelay } from '../../app/sync';
import { revokeDevice } from '../../server/auth/devices';
import { makeTablet } from '../sync/fakes/tablet';

describe('sync client errors and timing', () => {
  it('[S9] protocol-version marks the app outdated, keeps the outbox and stops pushing', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    // The server was updated past this app's protocol: its pushes now speak an old version.
    const real = server.fetch;
    server.fetch = (u, i) => real(u, String(u).includes('/push') ? { ...i, body: String(i?.body).replace('"protocol":1', '"protocol":0') } : i);
    const s = await client.syncNow();
    expect(s).toMatchObject({ outdated: true, lastError: 'protocol-version', pending: 1 });
    const before = server.requests.length;
    await client.syncNow();
    expect(server.requests.length).toBe(before);
    expect(await db.outbox.count()).toBe(1);
  });

  it('[A1] a 401 says the device was revoked or is unknown', async () => {
    const { client, server, deviceId } = await makeTablet();
    await revokeDevice(server.store, deviceId);
    expect((await client.syncNow()).lastError).toBe('device-revoked-or-unknown');
  });

  it('[S3] on mutation-gap the client resends from lastMutationId + 1', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('reportQuantity', { id: 'a', operationId: 'op1', good: 1, scrap: 0 }, 'u-op');
    await client.mutate('reportQuantity', { id: 'b', operationId: 'op1', good: 1, scrap: 0 }, 'u-op');
    // The tablet wrongly believes the server already has mutation 1.
    await db.meta.put({ key: 'lastMutationId', value: 1 });
    await client.syncNow();
    expect((await server.get('operations', 'op1'))?.good).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });

  it('[S1][S3] a gap the outbox cannot fill (the server is behind it) goes on as a new client instead of stalling', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('addNote', { id: 'n', stationId: 's1', text: 'x' }, 'u-op');
    const before = await getMeta(db, 'clientId');
    await db.outbox.delete(1);
    await db.outbox.add({ id: 2, name: 'addNote', args: { id: 'n2', stationId: 's1', text: 'y' }, actorId: 'u-op', at: '2026-01-05T08:00:00.000Z' });
    expect(await client.syncNow()).toMatchObject({ lastError: null, pending: 0 });
    expect(await getMeta(db, 'clientId')).not.toBe(before);
    expect(await getMeta(db, 'retiredClientIds')).toEqual([before]);
    expect(server.get('notes', 'n2')).toBeDefined();
  });

  it('[S8] backoff grows exponentially, capped, with jitter inside [cap/2, cap)', () => {
    const bounds = { baseMs: 1000, maxMs: 60_000 };
    for (const f of [1, 2, 3, 4, 5, 6, 7, 8, 12]) {
      const cap = Math.min(60_000, 1000 * 2 ** (f - 1));
      expect(backoffDelay(f, () => 0, bounds)).toBe(cap / 2);
      expect(backoffDelay(f, () => 0.999999, bounds)).toBeLessThan(cap);
      expect(backoffDelay(f, () => 0.999999, bounds)).toBeGreaterThanOrEqual(cap / 2);
    }
    expect(backoffDelay(3, () => 0.25, bounds)).toBe(2500);
  });

  it('[S8] failed syncs schedule retries further and further out; success resets to polling', async () => {
    let r = 0;
    const randoms = [0.1, 0.9, 0.4, 0.7, 0.2];
    const { client, server, timers } = await makeTablet({
      random: () => randoms[r++ % randoms.length]!,
      backoff: { baseMs: 1000, maxMs: 8000 },
      pollMs: 30_000,
    });
    client.start();
    await client.syncNow();
    const polling = timers.filter((t) => !t.cancelled).at(-1)!.ms;
    expect(polling).toBe(30_000);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      server.override = 'network';
      const s = await client.syncNow();
      expect(s.online).toBe(false);
      delays.push(timers.filter((t) => !t.cancelled).at(-1)!.ms);
    }
    const caps = [1000, 2000, 4000, 8000, 8000];
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(caps[i]! / 2);
      expect(d).toBeLessThan(caps[i]!);
    });
    await client.syncNow();
    expect(timers.filter((t) => !t.cancelled).at(-1)!.ms).toBe(30_000);
    client.stop();
  });

  it('[S8] a local mutate triggers a debounced sync while started', async () => {
    const { client, timers } = await makeTablet({ debounceMs: 200 });
    client.start();
    await client.syncNow();
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    const t = timers.filter((x) => !x.cancelled && x.ms === 200);
    expect(t).toHaveLength(1);
    t[0]!.fn();
    await client.syncNow();
    expect(client.status().pending).toBe(0);
    client.stop();
  });
});

describe('one syncing tab per database (S8)', () => {
  it('[S8] two clients of the same database never sync at the same time', async () => {
    const { openDatabase } = await import('../../app/db');
    const { createSyncClient } = await import('../../app/sync');
    const a = await makeTablet();
    let inFlight = 0;
    let most = 0;
    const fetch = async (u: string, i?: RequestInit) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await a.server.fetch(u, i);
      } finally {
        inFlight--;
      }
    };
    const db2 = await openDatabase(a.name);
    const opts = { baseUrl: '', auth: { kind: 'device' as const }, fetch, eventSource: false, setTimer: () => () => undefined };
    const one = createSyncClient({ db: a.db, ...opts });
    const two = createSyncClient({ db: db2, ...opts });
    await Promise.all([one.syncNow(), two.syncNow(), one.syncNow()]);
    expect(most).toBe(1);
    expect(await db2.entity('operations').count()).toBe(2);
  });
});
