import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getMeta } from '../../app/db';
import { enrollDevice, isRefused } from '../../app/sync';
import { APP_VERSION } from '../../app/sync/version';
import { revokeDevice } from '../../server/auth/devices';
import { OUTBOX_HEADER, VERSION_HEADER } from '../../shared/protocol';
import { makeTablet } from '../sync/fakes/tablet';

/** Issue 7 part 8: a tablet revoked with work queued, enrolled again, delivers it exactly once. */
describe('enrolling a tablet again (app/sync/enroll.ts)', () => {
  it('[S2] the outbox carries over: applied entries are skipped, the rest reach the server once', async () => {
    const { db, client, server, deviceId } = await makeTablet();
    await client.syncNow();
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await client.syncNow(); // 1 applied and confirmed
    await revokeDevice(server.store, deviceId);
    await client.mutate('reportQuantity', { id: 'qr-after', operationId: 'op1', good: 2, scrap: 0 }, 'u-op');
    await client.mutate('reportQuantity', { id: 'qr-after-2', operationId: 'op1', good: 3, scrap: 0 }, 'u-op');
    const refused = await client.syncNow();
    expect(refused).toMatchObject({ lastError: 'device-revoked-or-unknown', pending: 2 });
    expect(isRefused(refused.lastError)).toBe(true);
    const clientId = await getMeta(db, 'clientId');

    const { enrollmentCode } = await server.newDevice('Lathe tablet, again');
    const again = await enrollDevice(db, 'http://fb.test', enrollmentCode, (u, i) => server.fetch(u, i));
    expect(again.ok).toBe(true);
    expect(await getMeta(db, 'clientId')).toBe(clientId);
    const s = await client.syncNow();
    expect(s).toMatchObject({ lastError: null, pending: 0 });
    expect((await server.applied()).filter((a) => a.clientId === clientId).map((a) => [a.id, a.outcome])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(await server.get('operations', 'op1')).toMatchObject({ good: 5 });
    // The replica was pulled afresh for the new device and shows the server's count once.
    expect((await db.table('operations').get('op1'))?.good).toBe(5);
  });

  it('[S2] a tablet whose push was applied but never confirmed (answer lost) does not apply it twice after re-enrolling', async () => {
    const { db, client, server, deviceId } = await makeTablet();
    await client.syncNow();
    await client.mutate('reportQuantity', { id: 'qr-lost', operationId: 'op1', good: 4, scrap: 0 }, 'u-op');
    // The push reaches the server; its pull fails, so the entry stays queued on the tablet.
    const real = server.fetch;
    server.fetch = async (u, i) => {
      if (String(u).includes('pull')) throw new TypeError('connection reset');
      return real(u, i);
    };
    await client.syncNow();
    server.fetch = real;
    expect(await db.outbox.count()).toBe(1);
    await revokeDevice(server.store, deviceId);
    const { enrollmentCode } = await server.newDevice('again');
    expect((await enrollDevice(db, 'http://fb.test', enrollmentCode, (u, i) => server.fetch(u, i))).ok).toBe(true);
    expect(await client.syncNow()).toMatchObject({ lastError: null, pending: 0 });
    expect(await server.get('operations', 'op1')).toMatchObject({ good: 4 });
  });

  it('[§8] every push and pull reports the outbox and the app version', async () => {
    const { client, server } = await makeTablet();
    await client.syncNow();
    const seen: Record<string, string>[] = [];
    const real = server.fetch;
    server.fetch = (u, i) => {
      seen.push({ ...(i?.headers as Record<string, string>) });
      return real(u, i);
    };
    await client.mutate('startOperation', { operationId: 'op1' }, 'u-op');
    await client.syncNow();
    expect(seen.length).toBeGreaterThan(1);
    for (const h of seen) expect(h).toMatchObject({ [OUTBOX_HEADER]: '1', [VERSION_HEADER]: APP_VERSION });
  });

  it("the reported app version is package.json's", () => {
    expect(APP_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
