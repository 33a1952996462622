import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLease, type Lease } from '../../server/store/postgres/lease';
import { createTestDatabase } from '../support/postgres';

describe('postgres lease (D3)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let leases: Lease[] = [];
  const lease = (name: string) => {
    const l = createLease({ url: db.url, name });
    leases.push(l);
    return l;
  };
  beforeEach(async () => {
    db = await createTestDatabase(inject('postgresUrl'));
  });
  afterEach(async () => {
    await Promise.all(leases.map((l) => l.release()));
    leases = [];
    await db.drop();
  });

  it('[D3] one instance at a time holds a lease; another takes it once it is released', async () => {
    const [a, b] = [lease('escalations'), lease('escalations')];
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(await a.hold()).toBe(true);
    await a.release();
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
  });

  it('[D3] leases of different jobs are independent', async () => {
    expect(await lease('escalations').hold()).toBe(true);
    expect(await lease('retention').hold()).toBe(true);
  });

  it("[D3] when the holder's connection dies, the lease passes to another instance", async () => {
    const [a, b] = [lease('delivery'), lease('delivery')];
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const held =
        "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
      const { rows } = await admin.query(`SELECT pg_terminate_backend(l.pid) ${held}`);
      expect(rows).toHaveLength(1);
      // pg_terminate_backend only signals: wait until the backend has gone and its lock with it.
      while (Number((await admin.query(`SELECT count(*) AS n ${held}`)).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await admin.end();
    }
    expect(await b.hold()).toBe(true);
    // The old holder learns it lost the lease instead of running the job a second time.
    expect(await a.hold()).toBe(false);
  });
});
