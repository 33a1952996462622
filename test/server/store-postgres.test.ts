import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Operation } from '../../shared/schema';
import { createPostgresStore } from '../../server/store/postgres';
import { MIGRATIONS } from '../../server/store/postgres/migrations';
import { REF_INDEXED_ENTITIES } from '../../server/store/sqlite/statements';
import { createTestDatabase } from '../support/postgres';
import { pendingOpAt } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';
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
      await store.transaction((tx) => tx.appendAudit({ seq: 1, prevHash: '0', hash: 'a', entry: '{"id":"c:1"}', id: 'c:1', version: 1, updatedAt: 'x' }));
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
      // 001 made it, 003 dropped it: the per-username lock that auth_limits replaced.
      expect((await client.query("SELECT to_regclass('sign_in_failures') AS t")).rows).toEqual([{ t: null }]);
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
        expect(await plan('SELECT value FROM records WHERE entity = $1 AND ref = $2 ORDER BY id', entity, 'wo-1')).toMatch(
          new RegExp(`records_ref_${entity}`, 'i'),
        );
      }
      expect(await plan('SELECT value FROM records WHERE version > $1 AND version <= $2 ORDER BY version, entity, id LIMIT 10', 0, 9)).toMatch(
        /^Limit[^\n]*\n\s*->\s+Index Scan using records_version/,
      );
      expect(await plan('SELECT id FROM audit WHERE version > $1 AND version <= $2 ORDER BY version LIMIT 10', 0, 9)).toMatch(/audit_version/);
    });
  });
});

describe('postgres store: writes kept until COMMIT, savepoints sent only when needed', () => {
  const rec = (id: string, version: number, ref: string | null = null) => ({
    entity: 'holds' as const,
    id,
    version,
    updatedAt: '2026-03-02T10:00:00.000Z',
    deleted: false,
    scopes: ['*'],
    ref,
    value: JSON.stringify({ id, version }),
  });

  it('[S4] a savepoint that ran a statement (so SAVEPOINT was sent) rolls back exactly its writes, nested too', async () => {
    await withDatabase(async (url, client) => {
      const store = await createPostgresStore({ url });
      await store.transaction(async (tx) => {
        await tx.putRecordsUnaudited([rec('h-before', await tx.nextVersion(), 'wo-1')]);
        await expect(
          tx.savepoint(async () => {
            await tx.putRecordsUnaudited([rec('h-outer', await tx.nextVersion(), 'wo-1')]);
            await tx.savepoint(async () => {
              await tx.putRecordsUnaudited([rec('h-kept-inner', await tx.nextVersion(), 'wo-1')]);
              // byRef of an entity with unsent writes sends them, and the savepoints, first.
              expect((await tx.byRef('holds', 'wo-1')).map((r) => r.id)).toEqual(['h-before', 'h-kept-inner', 'h-outer']);
            });
            await expect(
              tx.savepoint(async () => {
                await tx.putRecordsUnaudited([rec('h-lost-inner', await tx.nextVersion())]);
                await tx.countRecords(); // a statement of its own inside the savepoint
                await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 9 });
                throw new Error('inner');
              }),
            ).rejects.toThrow('inner');
            expect(await tx.getRecord('holds', 'h-lost-inner')).toBeUndefined();
            expect(await tx.getRecord('holds', 'h-kept-inner')).toBeDefined();
            throw new Error('outer');
          }),
        ).rejects.toThrow('outer');
        expect(await tx.getRecord('holds', 'h-outer')).toBeUndefined();
        expect(await tx.getRecord('holds', 'h-before')).toBeDefined();
        expect(await tx.getClient('c-1')).toBeUndefined();
        expect(await tx.head()).toBe(1);
      });
      expect((await client.query('SELECT id FROM records ORDER BY id')).rows).toEqual([{ id: 'h-before' }]);
      expect((await client.query('SELECT count(*)::int AS n FROM clients')).rows).toEqual([{ n: 0 }]);
      expect(await store.head()).toBe(1);
      await store.close();
    });
  });

  it('[S4] two writes of one record in one transaction commit as its last', async () => {
    await withDatabase(async (url) => {
      const store = await createPostgresStore({ url });
      await store.transaction(async (tx) => {
        await tx.putRecordsUnaudited([rec('h-1', await tx.nextVersion())]);
        await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 1 });
        await tx.putRecordsUnaudited([rec('h-1', await tx.nextVersion())]);
        await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 2 });
        expect((await tx.getRecord('holds', 'h-1'))?.version).toBe(2);
      });
      expect((await store.getRecord('holds', 'h-1'))?.version).toBe(2);
      expect((await store.getClient('c-1'))?.lastMutationId).toBe(2);
      await store.close();
    });
  });
});

describe('two server instances on one database', () => {
  const OP = 'u-op-nguyen'; // operator at st-mill-1
  let h1: Harness;
  let h2: Harness;
  beforeEach(async () => {
    h1 = await makeHarness({ store: 'postgres' });
    h2 = await makeHarness({ store: 'postgres', databaseUrl: h1.databaseUrl, seed: false });
  });
  afterEach(async () => {
    await h2.close();
    await h1.close();
  });

  it('[S2] the same push sent to both at once (a retry through the load balancer) applies once', async () => {
    const { token } = await h1.enroll(['st-mill-1']);
    const op = await pendingOpAt(h1.store, 'st-mill-1');
    const muts = [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-1', operationId: op.id, good: 5, scrap: 0 }, actorId: OP },
      { id: 3, name: 'reportQuantity', args: { id: 'qr-2', operationId: op.id, good: 2, scrap: 0 }, actorId: OP },
    ];
    const [a, b] = await Promise.all([h1.push({ token }, 'client-a-1', muts), h2.push({ token }, 'client-a-1', muts)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await a.json()).lastMutationId).toBe(3);
    expect((await b.json()).lastMutationId).toBe(3);
    expect((await recordOf<Operation>(h2.store, 'operations', op.id))?.good).toBe(7);
    expect(await h1.store.countRecords('audit')).toBe(3);
  });

  it('[S6] pushes of two tablets through both instances leave a gap-free sequence and one audit chain', async () => {
    const t1 = await h1.enroll(['st-mill-1'], 'Tablet 1');
    const t2 = await h2.enroll(['st-mill-1'], 'Tablet 2');
    const start = await h1.store.head();
    const note = (id: number, c: string) => ({ id, name: 'addNote', args: { id: `n-${c}-${id}`, stationId: 'st-mill-1', text: `${c} ${id}` }, actorId: OP });
    const batches = (h: Harness, token: string, c: string) =>
      (async () => {
        for (let k = 0; k < 4; k++) {
          const res = await h.push(
            { token },
            c,
            Array.from({ length: 5 }, (_, i) => note(k * 5 + i + 1, c)),
          );
          expect(res.status).toBe(200);
        }
      })();
    await Promise.all([batches(h1, t1.token, 'client-t1'), batches(h2, t2.token, 'client-t2')]);
    expect(await h2.store.head()).toBe(start + 40);
    const versions = (await h1.store.pull({ after: start, upTo: start + 40, scopes: 'all', limit: 1_000 })).map((r) => r.version);
    expect([...new Set(versions)]).toEqual(Array.from({ length: 40 }, (_, i) => start + i + 1));
    const chain = await h1.store.auditEntries(0, 1_000);
    // After the links the database began with (the first coordinator's, docs/audit.md), one a note.
    const pushed = chain.filter((r) => (JSON.parse(r.entry) as { mutation: string }).mutation === 'addNote');
    expect(pushed).toHaveLength(40);
    for (const [i, r] of chain.entries()) if (i > 0) expect(r.prevHash).toBe(chain[i - 1]!.hash);
  });
});
