import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../../server/store/postgres';
import { MIGRATIONS } from '../../server/store/postgres/migrations';
import { REF_INDEXED_ENTITIES } from '../../server/store/sqlite/statements';
import { createTestDatabase } from '../support/postgres';
import { storeContract } from './store-contract';

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
storeContract('postgres', {
  async create() {
    database = await createTestDatabase(inject('postgresUrl'));
    return createPostgresStore({ url: database.url });
  },
  reopen: () => createPostgresStore({ url: database!.url }),
  sibling: () => createPostgresStore({ url: database!.url }),
  async cleanup() {
    await database?.drop();
    database = undefined;
  },
});

/** Runs `fn` with a fresh database of its own and a plain client on it. */
async function withDatabase(fn: (url: string, client: pg.Client) => Promise<void>): Promise<void> {
  const db = await createTestDatabase(inject('postgresUrl'));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await fn(db.url, client);
  } finally {
    await client.end();
    await db.drop();
  }
}

describe('postgres store', () => {
  it('[D1] commits with synchronous_commit=on', async () => {
    await withDatabase(async (url, client) => {
      // A server whose default is off must not weaken what "applied" means.
      await client.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = off`);
      const store = await createPostgresStore({ url });
      expect(await store.setting('synchronous_commit')).toBe('on');
      await store.close();
    });
  });

  it('[A4] the database refuses to edit, delete or truncate audit links', async () => {
    await withDatabase(async (url, client) => {
      const store = await createPostgresStore({ url });
      await store.transaction((tx) =>
        tx.appendAudit({ seq: 1, prevHash: '0', hash: 'a', entry: '{"id":"c:1"}', id: 'c:1', version: 1, updatedAt: 'x' }),
      );
      await store.close();
      await expect(client.query("UPDATE audit SET hash = 'b'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
      expect((await client.query('SELECT hash FROM audit')).rows).toEqual([{ hash: 'a' }]);
    });
  });

  it('instances that start at once on an empty database apply each migration once', async () => {
    await withDatabase(async (url, client) => {
      const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ url })));
      await Promise.all(stores.map((s) => s.close()));
      const rows = (await client.query('SELECT id, name FROM migrations ORDER BY id')).rows;
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
      expect((await client.query("SELECT value FROM meta WHERE key = 'head'")).rows).toEqual([{ value: '0' }]);
    });
  });

  it('byRef and pull are served by indexes', async () => {
    await withDatabase(async (url, client) => {
      await (await createPostgresStore({ url })).close();
      // An empty table makes any plan cheap: rule out the ones that would not use an index's order,
      // so the plan shows whether an index can serve the query and its ORDER BY (C collation).
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
      const plan = async (q: string, ...args: unknown[]) =>
        ((await client.query(`EXPLAIN ${q}`, args)).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      for (const entity of REF_INDEXED_ENTITIES) {
        expect(await plan('SELECT value FROM records WHERE entity = $1 AND ref = $2 ORDER BY id', entity, 'wo-1')).toMatch(new RegExp(`records_ref_${entity}`, 'i'));
      }
      expect(await plan('SELECT value FROM records WHERE version > $1 AND version <= $2 ORDER BY version, entity, id LIMIT 10', 0, 9)).toMatch(
        /^Limit[^\n]*\n\s*->\s+Index Scan using records_version/,
      );
      expect(await plan('SELECT id FROM audit WHERE version > $1 AND version <= $2 ORDER BY version LIMIT 10', 0, 9)).toMatch(/audit_version/);
    });
  });
});
