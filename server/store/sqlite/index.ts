import type { Store, StoreReader } from '../types';
import { CATCH_UP_AT_PAGES, startCheckpointer } from './checkpointer';
import { openConnection } from './connection';
import { deviceCache } from './device-cache';
import { createLock } from './lock';
import { migrate } from './migrations';
import { pullQueries } from './pull';
import { prepareStatements } from './statements';
import { transactions } from './transaction';
import { makeWriter } from './writer';

export interface SqliteStoreOptions {
  /** Path of the database file; tests use a temp dir, never `:memory:`. */
  file: string;
  /**
   * Checkpoint the WAL from a worker thread (its own connection, PASSIVE, every 100 ms) instead of
   * inside the COMMIT that crosses 1,000 pages. Off by default; main.ts turns it on.
   */
  backgroundCheckpoint?: boolean;
  /** With `backgroundCheckpoint`: the WAL size (pages) at which it is made to start over. */
  walCatchUpPages?: number;
  /** Caps the file (PRAGMA max_page_count): past it SQLite answers SQLITE_FULL, as on a full disk. */
  maxPageCount?: number;
}

/** The SQLite store, and what its tests read back of its settings. */
export interface SqliteStore extends Store {
  /** `PRAGMA synchronous` of the store's connection and of the checkpointer's (2 is FULL, D1). */
  synchronous(): Promise<{ main: number; checkpointer?: number }>;
}

/**
 * Opens (and migrates) the SQLite store (see connection.ts for its settings).
 *
 * The file belongs to this process (one writer, DESIGN §11); a second process writing to it stays
 * correct (the tail of the audit chain and the devices, the only things cached, are dropped
 * whenever `data_version` says another connection committed) but is not a supported deployment.
 */
export async function createSqliteStore(opts: SqliteStoreOptions): Promise<SqliteStore> {
  const { database, db } = openConnection(opts.file);
  if (opts.maxPageCount !== undefined) database.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
  await migrate(db);
  const checkpointer = opts.backgroundCheckpoint ? startCheckpointer(opts.file, database, opts.walCatchUpPages ?? CATCH_UP_AT_PAGES) : undefined;
  const st = prepareStatements(database);
  const lock = createLock();
  const devices = deviceCache(st);
  const slow = makeWriter(db);
  const pulls = pullQueries(db);

  // Outside a transaction every read takes the lock too, so it never sees an open transaction's writes.
  const locked =
    <A extends unknown[], R>(f: (...a: A) => Promise<R> | R) =>
    (...a: A): Promise<R> =>
      lock.exclusive(() => f(...a));
  const reader: StoreReader = {
    getRecord: locked(st.getRecord),
    byRef: locked(st.byRef),
    countRecords: locked(slow.countRecords),
    listRecords: locked(slow.listRecords),
    head: locked(st.head),
    getClient: locked(st.getClient),
    getDevice: locked(slow.getDevice),
    getDeviceByTokenHash: locked(devices.byTokenHash),
    listDevices: locked(slow.listDevices),
    getConsoleUser: locked(slow.getConsoleUser),
    countConsoleUsers: locked(slow.countConsoleUsers),
    getSession: locked(slow.getSession),
    getProofKey: locked(slow.getProofKey),
    getConsoleUserById: locked(slow.getConsoleUserById),
    listConsoleUsers: locked(slow.listConsoleUsers),
    lastAudit: locked(st.lastAudit),
    retainedFrom: locked(st.retainedFrom),
  };

  return {
    ...reader,
    transaction: transactions({ db, statements: st, lock, devices, checkpointer }),
    pull: locked(pulls.pull),
    pullVersion: locked(pulls.pullVersion),
    countPull: locked(pulls.countPull),
    auditEntries: locked(pulls.auditEntries),
    async synchronous() {
      const main = database.pragma('synchronous', { simple: true }) as number;
      return checkpointer ? { main, checkpointer: await checkpointer.synchronous() } : { main };
    },
    close: () =>
      lock.exclusive(async () => {
        await checkpointer?.stop();
        await db.destroy();
      }),
  };
}
