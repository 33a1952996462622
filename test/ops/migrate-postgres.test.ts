import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { verifyAudit } from '../../server/audit/verify';
import { createApp } from '../../server/app';
import { createPostgresStore } from '../../server/store/postgres';
import { createPokes } from '../../server/sync/pokes';
import { createTestDatabase } from '../support/postgres';
import { pendingOpAt } from '../server/fixtures';
import { fakeClock, makeHarness, type Harness } from '../server/harness';
import { note, runCli } from './cli';

const OP = 'u-op-nguyen';

async function tableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0]!.n);
  } finally {
    await c.end();
  }
}

describe('npm run migrate-to-postgres (D5)', () => {
  let h: Harness;
  let token: string;
  let target: { url: string; drop(): Promise<void> };
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
    target = await createTestDatabase(inject('postgresUrl'));
  });
  afterEach(async () => {
    await target.drop();
    rmSync(h.dir, { recursive: true, force: true });
  });

  const pullAll = async (app: { request: Harness['app']['request'] }) => {
    const res = await app.request('/api/sync/pull?clientId=client-a&cursor=0', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.json();
  };

  it("[D5] moves the demo plant with pushes applied; a PostgreSQL server answers the tablet's pull as SQLite did, and the chain verifies", async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const pushed = await h.push({ token }, 'client-a', [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-1', operationId: op.id, good: 3, scrap: 1 }, actorId: OP },
      ...Array.from({ length: 40 }, (_, i) => note('client-a', i + 3)),
    ]);
    expect((await pushed.json()).lastMutationId).toBe(42);
    const fromSqlite = await pullAll(h.app);
    const sqliteReport = await verifyAudit(h.store);
    await h.store.close();

    const moved = await runCli('migrate-to-postgres', ['--from', h.dir, '--to', target.url], {});
    expect(moved.out).toMatch(/records: \d+ rows/);
    expect(moved.out).toMatch(/audit: \d+ rows/);
    // The documents' files under DATA_DIR/blobs go into PostgreSQL's blobs table (T2).
    const files = Number(/blobs: (\d+) documents' files/.exec(moved.out)?.[1]);
    expect(files).toBeGreaterThan(0);
    const pgBlobs = new pg.Client({ connectionString: target.url });
    await pgBlobs.connect();
    expect(Number((await pgBlobs.query('SELECT count(*) AS n FROM blobs')).rows[0].n)).toBe(files);
    await pgBlobs.end();
    expect(moved.out).toContain('OK: audit chain verified on PostgreSQL; counts and heads match SQLite');
    expect(moved.out).toContain(`audit head ${sqliteReport.head.seq}:${sqliteReport.head.hash}`);
    expect(moved.code).toBe(0);

    const store = await createPostgresStore({ url: target.url });
    try {
      const report = await verifyAudit(store);
      expect(report.ok).toBe(true);
      expect(report.head).toEqual(sqliteReport.head);
      const app = createApp({ store, clock: fakeClock(), pokes: createPokes(), config: { staticDir: join(h.dir, 'dist') } });
      expect(await pullAll(app)).toEqual(fromSqlite);
      // The console user and its password came along: the coordinator signs in on PostgreSQL.
      const signIn = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'coordinator', password: 'coord-pass-1' }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      await store.close();
    }

    // `npm run audit:verify` on DATABASE_URL reads PostgreSQL's chain.
    const verified = await runCli('verify-audit', ['--head', `${sqliteReport.head.seq}:${sqliteReport.head.hash}`], { DATABASE_URL: target.url });
    expect(verified.out).toContain(`OK: ${sqliteReport.entries} audit entries, chain intact`);
    expect(verified.out).toContain('OK: the chain holds the published head');
    expect(verified.code).toBe(0);

    const again = await runCli('migrate-to-postgres', ['--from', h.dir, '--to', target.url], {});
    expect(again.code).toBe(2);
    expect(again.out).toContain('the target database is not empty');
  });

  it('[D5] a migration the move does not know fails loudly and copies nothing', async () => {
    await h.store.close();
    const db = new Database(h.file);
    db.prepare("INSERT INTO migrations (id, name, applied_at) VALUES (99, '099-something-new', 'now')").run();
    db.close();
    const moved = await runCli('migrate-to-postgres', ['--from', h.dir, '--to', target.url], {});
    expect(moved.code).toBe(2);
    expect(moved.out).toContain('099-something-new');
    expect(moved.out).toContain('nothing was copied');
    expect(await tableCount(target.url)).toBe(0);
  });

  it('[D5] a column one store has and the other lacks fails the move before anything is copied', async () => {
    await h.store.close();
    const db = new Database(h.file);
    db.exec('ALTER TABLE devices ADD COLUMN nickname TEXT');
    db.close();
    const moved = await runCli('migrate-to-postgres', ['--from', h.dir, '--to', target.url], {});
    expect(moved.out).toContain('devices has the columns');
    expect(moved.out).toContain('nickname');
    expect(moved.code).toBe(2);
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      expect(Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM records')).rows[0]!.n)).toBe(0);
    } finally {
      await c.end();
    }
  });
});
