import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createSqliteStore } from '../../server/store/sqlite';
import { REF_INDEXED_ENTITIES } from '../../server/store/sqlite/statements';
import { MIGRATIONS } from '../../server/store/sqlite/migrations';
import { storeContract } from './store-contract';

let dir = '';
storeContract('sqlite', {
  async create() {
    dir = mkdtempSync(join(tmpdir(), 'fb-store-'));
    return createSqliteStore({ file: join(dir, 'store.sqlite') });
  },
  reopen: () => createSqliteStore({ file: join(dir, 'store.sqlite') }),
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Runs `fn` with the path of a database file in a fresh temp dir, removed afterwards. */
async function withFile<T>(fn: (file: string) => Promise<T>): Promise<T> {
  const d = mkdtempSync(join(tmpdir(), 'fb-store-'));
  try {
    return await fn(join(d, 'store.sqlite'));
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}

describe('sqlite store', () => {
  it('checkpoints the WAL from a worker thread when asked to; commits stay where they were', async () => {
    await withFile(async (file) => {
      const store = await createSqliteStore({ file, backgroundCheckpoint: true });
      for (let i = 1; i <= 50; i++) {
        await store.transaction(async (tx) => {
          const v = await tx.nextVersion();
          await tx.putRecordsUnaudited([
            { entity: 'stations', id: `st-${i}`, version: v, updatedAt: 'x', deleted: false, scopes: ['*'], ref: null, value: '{}' },
          ]);
        });
      }
      await new Promise((r) => setTimeout(r, 400));
      // The worker's PASSIVE checkpoint has copied the WAL into the file while the store was open:
      // the main file itself (not only its -wal) already holds the last record written.
      expect(readFileSync(file).includes('st-50')).toBe(true);
      expect(await store.head()).toBe(50);
      await store.close();
      const again = await createSqliteStore({ file });
      expect(await again.countRecords('stations')).toBe(50);
      await again.close();
    });
  });

  it('starts the WAL over under a sustained write load, so it stays bounded', async () => {
    // Without the catch-up the WAL is never fully copied between two writes and only grows.
    const walAfter = async (walCatchUpPages: number) => {
      return withFile(async (file) => {
        const store = await createSqliteStore({ file, backgroundCheckpoint: true, walCatchUpPages });
        const pad = 'x'.repeat(2_000);
        let maxWal = 0;
        for (let i = 0; i < 300; i++) {
          await store.transaction(async (tx) => {
            const v = await tx.nextVersion();
            const rows = Array.from({ length: 20 }, (_, k) => ({
              entity: 'notes' as const,
              id: `n-${i}-${k}`,
              version: v,
              updatedAt: 'x',
              deleted: false,
              scopes: ['*'],
              ref: null,
              value: `{"pad":"${pad}"}`,
            }));
            await tx.putRecordsUnaudited(rows);
          });
          maxWal = Math.max(maxWal, statSync(`${file}-wal`).size);
          // As the committer does between transactions: let the worker's messages in.
          await new Promise((r) => setTimeout(r, 3));
        }
        expect(await store.countRecords('notes')).toBe(6_000);
        await store.close();
        return maxWal;
      });
    };
    const bounded = await walAfter(200);
    const unbounded = await walAfter(1_000_000);
    expect(bounded).toBeLessThan(unbounded / 2);
    // The run wrote 12 MB; without the catch-up most of it stays in the WAL. Not all of it: with
    // synchronous=FULL on a busy machine the worker sometimes copies everything between two
    // writes, and SQLite then starts the WAL over on its own.
    expect(unbounded).toBeGreaterThan(4 * 1024 * 1024);
  }, 30_000);

  it('[A1] a device revoked through another connection to the file is refused at the next lookup', async () => {
    await withFile(async (file) => {
      const store = await createSqliteStore({ file });
      await store.transaction((tx) =>
        tx.insertDevice({ id: 'd1', name: 'Mill', stationIds: ['st-1'], tokenHash: 'th', revoked: false, enrolledAt: 'x', createdAt: 'x' }),
      );
      expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(false);
      const other = new Database(file);
      other.prepare('UPDATE devices SET revoked = 1 WHERE id = ?').run('d1');
      other.close();
      expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(true);
      await store.close();
    });
  });

  it('[A4] migration 003 turns the audit records of an older database into their chain links', async () => {
    await withFile(async (file) => {
      // A database as the first release left it: migrations 1–2, audit stored in the chain and in records.
      // biome-ignore lint/suspicious/noExplicitAny: an older release's schema, written as the migrations are (Kysely<any>).
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      await sql`CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(db);
      for (const m of MIGRATIONS.filter((x) => x.id <= 2)) {
        await m.up(db);
        await db.insertInto('migrations').values({ id: m.id, name: m.name, applied_at: 'then' }).execute();
      }
      const entry = '{"id":"c-1:1","seq":1}';
      await db.insertInto('audit').values({ seq: 1, prev_hash: '0', hash: 'h1', entry }).execute();
      await db.updateTable('meta').set({ value: 7 }).where('key', '=', 'head').execute();
      const value = '{"id":"c-1:1","seq":1,"hash":"h1","version":7,"updatedAt":"2026-03-02T10:00:00.000Z"}';
      await db
        .insertInto('records')
        .values({ entity: 'audit', id: 'c-1:1', version: 7, updated_at: '2026-03-02T10:00:00.000Z', deleted: 0, scopes: '|coordinator|', ref: null, value })
        .execute();
      await db.destroy();

      const store = await createSqliteStore({ file });
      const rec = await store.getRecord('audit', 'c-1:1');
      expect(rec).toMatchObject({ entity: 'audit', id: 'c-1:1', version: 7 });
      expect(rec!.value).toBe(value);
      expect((await store.pull({ after: 0, upTo: 7, scopes: 'all', limit: 10 })).map((r) => r.value)).toEqual([value]);
      expect(await store.countRecords()).toBe(1);
      await store.close();
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare("SELECT count(*) AS n FROM records WHERE entity = 'audit'").get()).toEqual({ n: 0 });
      raw.close();
    });
  });

  it('[A3] migration 007 gives the sessions of an older database an idle clock from their sign-in', async () => {
    await withFile(async (file) => {
      // biome-ignore lint/suspicious/noExplicitAny: an older release's schema, written as the migrations are (Kysely<any>).
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      await sql`CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(db);
      for (const m of MIGRATIONS.filter((x) => x.id <= 4)) {
        await m.up(db);
        await db.insertInto('migrations').values({ id: m.id, name: m.name, applied_at: 'then' }).execute();
      }
      const expiresAt = Date.parse('2026-03-02T22:00:00.000Z');
      await db.insertInto('sessions').values({ token_hash: 'old', user_id: 'u-c', expires_at: expiresAt }).execute();
      await db.destroy();
      const store = await createSqliteStore({ file });
      expect(await store.getSession('old')).toEqual({ tokenHash: 'old', userId: 'u-c', expiresAt, lastUsedAt: Date.parse('2026-03-02T10:00:00.000Z') });
      await store.close();
    });
  });

  it("[D1] commits with synchronous=FULL, on the main connection and the checkpointer's", async () => {
    await withFile(async (file) => {
      const store = await createSqliteStore({ file, backgroundCheckpoint: true });
      // 2 is FULL: a COMMIT returns only after the WAL is fsynced, so it survives a power cut.
      expect(await store.synchronous()).toEqual({ main: 2, checkpointer: 2 });
      await store.close();
      const plain = await createSqliteStore({ file });
      expect(await plain.synchronous()).toEqual({ main: 2 });
      await plain.close();
    });
  });

  it('runs numbered migrations once, in WAL mode', async () => {
    await withFile(async (file) => {
      await (await createSqliteStore({ file })).close();
      await (await createSqliteStore({ file })).close();
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT id, name FROM migrations ORDER BY id').all()).toEqual(MIGRATIONS.map(({ id, name }) => ({ id, name })));
      expect(MIGRATIONS.slice(0, 4).map((m) => m.name)).toEqual([
        '001-initial',
        '002-ordered-indexes',
        '003-audit-synced-from-chain',
        '004-ref-index-for-queried-entities',
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 001 made it, 009 dropped it: the per-username lock that auth_limits replaced.
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sign_in_failures'").all()).toEqual([]);
      db.close();
    });
  });

  it('the entities the domain looks up by ref are the ones in the ref index', () => {
    const dir = join(import.meta.dirname, '../../shared/domain');
    const src = readdirSync(dir, { recursive: true })
      .filter((f) => String(f).endsWith('.ts'))
      .map((f) => readFileSync(join(dir, String(f)), 'utf8'))
      .join('\n');
    const used = [...src.matchAll(/\.byRef\(\s*'(\w+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const entity of used) expect(REF_INDEXED_ENTITIES).toContain(entity);
  });

  it('byRef and pull are served by indexes, never by walking a whole entity', async () => {
    await withFile(async (file) => {
      await (await createSqliteStore({ file })).close();
      const db = new Database(file, { readonly: true });
      const plan = (sql: string, ...args: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      for (const entity of REF_INDEXED_ENTITIES) {
        const byRef = plan(`SELECT value FROM records WHERE entity = '${entity}' AND ref = ? ORDER BY id`, 'wo-1');
        expect(byRef).toMatch(new RegExp(`records_ref_${entity} \\(ref=\\?\\)`));
        expect(byRef).not.toMatch(/TEMP B-TREE/);
      }
      const pull = plan('SELECT value FROM records WHERE version > ? AND version <= ? ORDER BY version, entity, id LIMIT 10', 0, 9);
      expect(pull).toMatch(/records_version/);
      expect(pull).not.toMatch(/TEMP B-TREE/);
      const audit = plan('SELECT id, hash, entry, version, updated_at FROM audit WHERE version > ? AND version <= ? ORDER BY version LIMIT 10', 0, 9);
      expect(audit).toMatch(/audit_version/);
      expect(audit).not.toMatch(/TEMP B-TREE/);
      expect(plan('SELECT entry FROM audit WHERE id = ?', 'c:1')).toMatch(/audit_id/);
      db.close();
    });
  });
});
