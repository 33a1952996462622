import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta } from '../../app/db';
import type { Note } from '../../shared/schema';
import { verifyAuditChain } from '../../server/audit/chain';
import { allOf } from '../server/fixtures';
import { makeRealServer, makeRealTablet, type RealServer } from './fakes/real-server-tablet';

const OP = 'u-op-nguyen'; // operator at st-mill-1
const STATION = 'st-mill-1';

type Tablet = Awaited<ReturnType<typeof makeRealTablet>>;
const addNote = (t: Tablet, id: string) => t.client.mutate('addNote', { id, stationId: STATION, text: id }, OP);
const serverNotes = async (s: RealServer) => (await allOf<Note>(s.store, 'notes')).map((n) => n.id).sort();
const tabletNotes = async (t: Tablet) => ((await t.db.table('notes').toArray()) as Note[]).map((n) => n.id).sort();

describe('tablet recovery against the real server (issue 6)', () => {
  let server: RealServer;
  const tablets: Tablet[] = [];
  afterEach(async () => {
    for (const t of tablets.splice(0)) t.client.stop();
    await server.close();
  });

  it('[S8] a 429 rate-limited push waits for Retry-After and retries; the outbox is kept, nothing is lost', async () => {
    server = await makeRealServer({ config: { pushRateLimit: { burst: 3, perSecond: 1 } } });
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    t.client.start(); // arms the retry timers
    await t.client.syncNow();
    for (const id of ['n-1', 'n-2', 'n-3']) await addNote(t, id);
    expect((await t.client.syncNow()).lastError).toBeNull();
    for (const id of ['n-4', 'n-5']) await addNote(t, id);
    const limited = await t.client.syncNow();
    expect(limited).toMatchObject({ lastError: 'server-rate-limited', pending: 2, online: true });
    const retry = t.armed()!;
    // The retry waits at least what the server asked for (2 tokens at 1 a second).
    expect(retry.ms).toBeGreaterThanOrEqual(2_000);
    server.clock.advance(retry.ms);
    retry.fn();
    await t.client.syncNow();
    expect(t.client.status()).toMatchObject({ lastError: null, pending: 0 });
    expect(await serverNotes(server)).toEqual(expect.arrayContaining(['n-1', 'n-2', 'n-3', 'n-4', 'n-5']));
  });

  it('[D1] a full disk (503 storage-unavailable) keeps the outbox; once the disk is freed the retry applies each change once', async () => {
    const probe = await makeRealServer();
    const db = (await import('better-sqlite3')).default;
    const pages = (() => {
      const c = new db(probe.file, { readonly: true });
      try {
        return c.pragma('page_count', { simple: true }) as number;
      } finally {
        c.close();
      }
    })();
    await probe.close();
    server = await makeRealServer({ storeOptions: { maxPageCount: pages + 40 } });
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    t.client.start();
    await t.client.syncNow();
    const ids = Array.from({ length: 80 }, (_, i) => `n-${i + 1}`);
    for (const id of ids) await t.client.mutate('addNote', { id, stationId: STATION, text: `${id} ${'w'.repeat(3_900)}` }, OP);
    const full = await t.client.syncNow();
    expect(full).toMatchObject({ lastError: 'server-storage-unavailable', pending: 80 });
    expect(t.armed()!.ms).toBeGreaterThanOrEqual(5_000);
    await server.reopen(); // the operator frees the disk
    await t.client.syncNow();
    expect(t.client.status()).toMatchObject({ lastError: null, pending: 0 });
    const notes = await serverNotes(server);
    expect(notes.filter((id) => ids.includes(id)).length).toBe(80);
    expect(new Set(notes).size).toBe(notes.length);
    expect((await verifyAuditChain(server.store)).ok).toBe(true);
  });

  it('[S1][D1] a server restored from an older backup: the tablet starts a new client id, re-pushes what is unconfirmed, and never stalls', async () => {
    server = await makeRealServer();
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    await t.client.syncNow();
    await addNote(t, 'n-1');
    await addNote(t, 'n-2');
    expect((await t.client.syncNow()).lastError).toBeNull();
    const backup = await server.backup();
    // Confirmed by the server and dropped from the outbox: these are what the restore loses.
    await addNote(t, 'n-3');
    await addNote(t, 'n-4');
    expect((await t.client.syncNow()).lastError).toBeNull();
    expect(await t.db.outbox.count()).toBe(0);
    const oldClient = await getMeta(t.db, 'clientId');

    await server.restore(backup);
    // Work done after the restore, not yet confirmed: it must reach the server, once.
    await addNote(t, 'n-5');
    await addNote(t, 'n-6');
    const s = await t.client.syncNow();
    expect(s).toMatchObject({ lastError: null, pending: 0 });
    const newClient = await getMeta(t.db, 'clientId');
    expect(newClient).not.toBe(oldClient);
    // S1: the new client's ids start at 1; the old client's are never reused.
    expect((await server.store.getClient(newClient!))?.lastMutationId).toBe(2);
    expect((await server.store.getClient(oldClient!))?.lastMutationId).toBe(2);
    expect(await serverNotes(server)).toEqual(['n-1', 'n-2', 'n-5', 'n-6']);
    // Re-based on the server's state: the replica is what the server holds, not the lost commits.
    expect(await tabletNotes(t)).toEqual(await serverNotes(server));
    // And it keeps going.
    await addNote(t, 'n-7');
    expect((await t.client.syncNow()).lastError).toBeNull();
    expect((await server.store.getClient(newClient!))?.lastMutationId).toBe(3);
    expect((await verifyAuditChain(server.store)).ok).toBe(true);
  });

  it('[S2][D1] after a restore, entries the tablet had pushed but not yet seen confirmed are applied exactly once', async () => {
    server = await makeRealServer();
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    await t.client.syncNow();
    await addNote(t, 'n-1');
    expect((await t.client.syncNow()).lastError).toBeNull();
    const backup = await server.backup();
    await addNote(t, 'n-2');
    await addNote(t, 'n-3');
    // Pushed and applied, but the pull that would confirm them fails: they stay in the outbox.
    server.failPulls = true;
    await t.client.syncNow();
    server.failPulls = false;
    expect(await t.db.outbox.count()).toBe(2);
    await server.restore(backup);
    await addNote(t, 'n-4');
    expect((await t.client.syncNow()).lastError).toBeNull();
    const notes = await serverNotes(server);
    expect(notes).toEqual(['n-1', 'n-2', 'n-3', 'n-4']);
    expect(await tabletNotes(t)).toEqual(notes);
  });

  it("[S6] a tablet whose cursor is beyond the restored server's head re-bases from a reset, keeping its unconfirmed entries", async () => {
    server = await makeRealServer();
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    await t.client.syncNow();
    const backup = await server.backup();
    // Another tablet's writes move the head on; this tablet pulls them.
    const other = await makeRealTablet(server, [STATION]);
    await other.client.syncNow();
    await addNote(other, 'n-other');
    await addNote(other, 'n-other-2');
    await other.client.syncNow();
    await t.client.syncNow();
    expect(await tabletNotes(t)).toContain('n-other');
    await server.restore(backup);
    await addNote(t, 'n-mine');
    expect((await t.client.syncNow()).lastError).toBeNull();
    expect(await serverNotes(server)).toEqual(['n-mine']);
    expect(await tabletNotes(t)).toEqual(['n-mine']);
  });

  it("[S6] a tablet whose cursor the restored server's head has caught up with again is told to reset (the cursor's tag no longer holds)", async () => {
    server = await makeRealServer();
    const t = await makeRealTablet(server, [STATION]);
    tablets.push(t);
    await t.client.syncNow();
    const backup = await server.backup();
    const other = await makeRealTablet(server, [STATION]);
    tablets.push(other);
    await other.client.syncNow();
    await addNote(other, 'n-lost');
    await other.client.syncNow();
    await t.client.syncNow();
    expect(await tabletNotes(t)).toEqual(['n-lost']);
    await server.restore(backup);
    // After the restore the head comes back to where this tablet's cursor stands, with other data.
    await addNote(t, 'n-mine');
    expect((await t.client.syncNow()).lastError).toBeNull();
    expect(await serverNotes(server)).toEqual(['n-mine']);
    expect(await tabletNotes(t)).toEqual(['n-mine']);
  });
});
