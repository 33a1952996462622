import { sql } from 'kysely';
import type { Store } from '../types';
import { openPool } from './connection';
import { migrate } from './migrations';
import { pullQueries } from './pull';
import { makeQueries } from './queries';
import { poolReads } from './statements';
import { transactions } from './transaction';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections in the pool (10 by default). */
  poolSize?: number;
}

/** The PostgreSQL store, and what its tests read back of its sessions. */
export interface PostgresStore extends Store {
  /** `current_setting(name)` on one of the pool's connections. */
  setting(name: string): Promise<string>;
}

/**
 * Opens (and migrates) the PostgreSQL store. Instances are stateless (D3): several servers may
 * share one database; nothing is cached across transactions, so another instance's write (a
 * revoked device, an appended audit link) is seen by the next request.
 */
export async function createPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  const { pool, db } = openPool(opts.url, opts.poolSize);
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const { lastAudit, ...reads } = makeQueries(db);
  const pulls = pullQueries(db);
  // What every request or push reads outside a transaction, prepared on each pooled connection.
  const hot = poolReads(pool);
  return {
    getRecord: hot.getRecord,
    byRef: reads.byRef,
    countRecords: reads.countRecords,
    listRecords: reads.listRecords,
    head: hot.head,
    getClient: hot.getClient,
    getDevice: reads.getDevice,
    getDeviceByTokenHash: hot.getDeviceByTokenHash,
    listDevices: reads.listDevices,
    getConsoleUser: reads.getConsoleUser,
    countConsoleUsers: reads.countConsoleUsers,
    getSession: reads.getSession,
    getProofKey: reads.getProofKey,
    getConsoleUserById: reads.getConsoleUserById,
    listConsoleUsers: reads.listConsoleUsers,
    retainedFrom: reads.retainedFrom,
    lastAudit,
    transaction: transactions(pool),
    ...pulls,
    async setting(name) {
      return (await sql<{ v: string }>`SELECT current_setting(${name}) AS v`.execute(db)).rows[0]!.v;
    },
    close: () => db.destroy(),
  };
}
