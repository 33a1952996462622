import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { storageUnavailable } from '../../server/store/errors';
import { verifyAuditChain } from '../../server/audit/chain';
import { makeHarness, type Harness } from './harness';

const OP = 'u-op-nguyen';
const note = (id: number, text: string) => ({ id, name: 'addNote', args: { id: `n-${id}`, stationId: 'st-mill-1', text }, actorId: OP });

function pageCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_count', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('storage errors (issue 6)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a full disk answers 503 storage-unavailable with Retry-After, and commits nothing half', async () => {
    // Measure what the seeded plant takes, then open a store capped a little above it: SQLite answers
    // SQLITE_FULL for real once the pushes below outgrow it.
    const probe = await makeHarness();
    await probe.enroll(['st-mill-1']);
    const seeded = pageCount(probe.file);
    await probe.close();
    h = await makeHarness({ storeOptions: { maxPageCount: seeded + 40 } });
    const { token } = await h.enroll(['st-mill-1']);
    const text = 'w'.repeat(3_900);
    let id = 0;
    let res: Response | undefined;
    for (let i = 0; i < 20; i++) {
      res = await h.push(
        { token },
        'client-full-1',
        Array.from({ length: 50 }, () => note(++id, text)),
      );
      if (res.status !== 200) break;
    }
    expect(res!.status).toBe(503);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res!.json()).toMatchObject({ code: 'storage-unavailable' });
    // Whatever committed, committed whole: every audited mutation has its note and the chain holds.
    const last = (await h.store.getClient('client-full-1'))?.lastMutationId ?? 0;
    expect(await h.store.countRecords('notes')).toBe(last);
    expect((await verifyAuditChain(h.store)).ok).toBe(true);
    // A read still works while writes do not.
    expect((await h.req(`/api/sync/pull?clientId=client-full-1&cursor=0`, { token })).status).toBe(200);
  });

  it('the console on a full disk gets 503 storage-unavailable, not "this is a bug"', async () => {
    const probe = await makeHarness();
    const seeded = pageCount(probe.file);
    await probe.close();
    h = await makeHarness({ storeOptions: { maxPageCount: seeded + 4 } });
    const signIn = await h.req('/api/session', { body: { username: 'coordinator', password: 'coord-pass-1' } });
    let res = signIn;
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    for (let i = 0; i < 500 && res.status < 300; i++) {
      res = await h.req('/api/devices', { body: { name: `tablet ${'x'.repeat(90)} ${i}`, stationIds: ['st-mill-1'] }, cookie });
    }
    expect(res.status).toBe(503);
    expect((await res.json()).code).toBe('storage-unavailable');
  });

  it.each([
    [{ code: 'SQLITE_FULL' }, true],
    [{ code: 'SQLITE_IOERR_WRITE' }, true],
    [{ code: 'SQLITE_READONLY' }, true],
    [{ code: 'SQLITE_BUSY' }, true],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, false],
    [{ code: '53100' }, true], // PostgreSQL disk_full
    [{ code: '53300' }, true], // too_many_connections
    [{ code: '08006' }, true], // connection_failure
    [{ code: '57P01' }, true], // admin_shutdown
    [{ code: '23505' }, false], // unique_violation
    [{ code: 'ECONNREFUSED' }, true],
    [new Error('plain bug'), false],
  ])('storageUnavailable(%o) is %s', (err, expected) => {
    expect(storageUnavailable(err)).toBe(expected);
  });
});

describe('/api/health storage (issue 6)', () => {
  it("reports the data directory's free space from statfs, and degraded when it is low", async () => {
    const ok = await makeHarness({ seed: false });
    const low = await makeHarness({ seed: false, config: { dataDir: ok.dir, minFreeBytes: Number.MAX_SAFE_INTEGER } });
    try {
      const withDir = await makeHarness({ seed: false, config: { dataDir: ok.dir, minFreeBytes: 1 } });
      const a = await (await withDir.req('/api/health')).json();
      await withDir.close();
      expect(a).toMatchObject({ ok: true, status: 'ok', storage: { dir: ok.dir, freeBytes: expect.any(Number), low: false } });
      expect(a.storage.freeBytes).toBeGreaterThan(0);
      expect(a.storage.totalBytes).toBeGreaterThanOrEqual(a.storage.freeBytes);
      expect(await (await low.req('/api/health')).json()).toMatchObject({ ok: true, status: 'degraded', storage: { low: true } });
    } finally {
      await low.close();
      await ok.close();
    }
  });

  it('a data directory that cannot be read is degraded, not a 500', async () => {
    const h = await makeHarness({ seed: false, config: { dataDir: '/nonexistent/floorboard-data' } });
    try {
      const res = await h.req('/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'degraded', storage: { error: 'ENOENT' } });
    } finally {
      await h.close();
    }
  });
});

describe('a database locked by another process (issue 6)', () => {
  it('a push that cannot begin its transaction (SQLITE_BUSY after the busy timeout) is 503, and the next one applies', async () => {
    const h = await makeHarness();
    const other = new Database(h.file);
    try {
      const { token } = await h.enroll(['st-mill-1']);
      other.prepare('BEGIN IMMEDIATE').run(); // another process holds the write lock
      const res = await h.push({ token }, 'client-busy-1', [note(1, 'locked out')]);
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe('storage-unavailable');
      other.prepare('ROLLBACK').run();
      const again = await h.push({ token }, 'client-busy-1', [note(1, 'locked out')]);
      expect(await again.json()).toEqual({ lastMutationId: 1, results: [{ id: 1, outcome: 'applied' }] });
    } finally {
      if (other.inTransaction) other.prepare('ROLLBACK').run();
      other.close();
      await h.close();
    }
  }, 30_000);
});
