import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../../server/store/postgres';
import { startTestPostgres, withDatabase } from '../../test/support/postgres';
import { seedStore } from './plant';

/** The PostgreSQL server of the figures: a template database holding the seeded plant. */
export interface BenchPostgres {
  /** What the server runs with (fsync, synchronous_commit, full_page_writes), for the table. */
  settings: string;
  operations: number;
  seedMs: number;
  /** A fresh database copied from the template; `drop()` removes it. */
  freshDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * FLOORBOARD_BENCH_DATABASE_URL (its user may CREATE DATABASE) or an embedded PostgreSQL started
 * with durable settings (fsync on, synchronous_commit on, full_page_writes on: what a plant runs,
 * unlike the test server); the plant is seeded once into a template, each figure gets a copy.
 */
export async function startBenchPostgres(workOrders: number, adminPassword: string): Promise<BenchPostgres> {
  const given = process.env.FLOORBOARD_BENCH_DATABASE_URL;
  const server = given ? { url: given, stop: async () => {} } : await startTestPostgres({ durable: true });
  const suffix = randomBytes(4).toString('hex');
  const template = `fb_bench_template_${suffix}`;
  const copies: string[] = [];
  try {
    const settings = await admin(server.url, async (c) => {
      const rows = await Promise.all(
        ['fsync', 'synchronous_commit', 'full_page_writes', 'server_version'].map(async (k) => `${k}=${(await c.query(`SHOW ${k}`)).rows[0][k]}`),
      );
      await c.query(`CREATE DATABASE ${template}`);
      return rows.join(', ');
    });
    const t0 = performance.now();
    const store = await createPostgresStore({ url: withDatabase(server.url, template) });
    let operations: number;
    try {
      operations = await seedStore(store, workOrders, adminPassword);
    } finally {
      await store.close();
    }
    const seedMs = performance.now() - t0;
    return {
      settings: `${given ? 'FLOORBOARD_BENCH_DATABASE_URL' : 'embedded'}: ${settings}`,
      operations,
      seedMs,
      async freshDatabase() {
        const name = `fb_bench_${suffix}_${copies.length}`;
        copies.push(name);
        await admin(server.url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
        return {
          url: withDatabase(server.url, name),
          drop: () => admin(server.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
        };
      },
      async stop() {
        await admin(server.url, async (c) => {
          for (const name of [...copies, template]) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }).catch(() => undefined);
        await server.stop();
      },
    };
  } catch (err) {
    await admin(server.url, (c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)).catch(() => undefined);
    await server.stop();
    throw err;
  }
}
