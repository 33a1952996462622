import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

/**
 * Versions, counts and times are int8; node-postgres reads int8 as a string because it may not
 * fit a double. Ours stay far below 2^53, so they are read as numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool on `url` and a Kysely handle over it. */
export function openPool(url: string, max = 10): { pool: pg.Pool; db: Kysely<DB> } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'floorboard',
    // D1: COMMIT returns once the commit record is flushed to disk. It is PostgreSQL's default; set
    // on every session anyway, so a server configured otherwise cannot weaken it.
    options: '-c synchronous_commit=on',
    types,
  });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('postgres: idle connection failed', err));
  return { pool, db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }) };
}
