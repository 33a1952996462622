import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Expression, type SqlBool } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { AuditRow, DeviceRow, Store, StoreReader, StoredRecord, StoreWriter } from '../types';
import { fastStatements } from './fast';
import { migrate } from './migrations';
import type { DB } from './schema';
import { auditToRecord, makeWriter, toRecord, type AuditRecordRow } from './writer';

export interface SqliteStoreOptions {
  /** Path of the database file; tests use a temp dir, never `:memory:`. */
  file: string;
  /**
   * Checkpoint the WAL from a worker thread (its own connection, PASSIVE, every 250 ms) instead of
   * inside the COMMIT that crosses 1,000 pages. Off by default; main.ts turns it on.
   */
  backgroundCheckpoint?: boolean;
  /** With `backgroundCheckpoint`: the WAL size (pages) at which it is made to start over. */
  walCatchUpPages?: number;
  /** Caps the file (PRAGMA max_page_count): past it SQLite answers SQLITE_FULL, as on a full disk. */
  maxPageCount?: number;
}

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try { return db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch (err) { return undefined; /* busy: next time */ }
};
const timer = setInterval(() => {
  const r = checkpoint();
  if (r) parentPort.postMessage({ walPages: r.log });
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'pre-copy') return void parentPort.postMessage({ preCopied: true, result: checkpoint() });
  if (m === 'catch-up') return void parentPort.postMessage({ caughtUp: true, result: checkpoint() });
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * How often the worker copies new WAL frames into the database file. Often, so that each copy is
 * small and the catch-up below has little left to copy.
 */
const CHECKPOINT_EVERY_MS = 100;
/**
 * SQLite starts the WAL over from its beginning when a write begins and every frame has been
 * copied. Under a sustained write load that never happens on its own (frames arrive while the
 * worker copies), so the WAL grew until the connection's own checkpoint ran inside a request's
 * COMMIT: copy the rest, fsync, start over, a 20–30 ms stall of every push about once a second under
 * figure 4's load. Instead, once the WAL holds this many pages, the worker first copies what came
 * since its last checkpoint while writes go on (a pre-copy), then the next transaction waits (the
 * event loop does not) for one more worker checkpoint, which has only a few milliseconds of frames
 * left to copy, and begins on an empty WAL.
 */
const CATCH_UP_AT_PAGES = 16_000;
/** The connection's own checkpoint on COMMIT: only a safety net if the worker cannot keep up. */
const SAFETY_AUTOCHECKPOINT_PAGES = 50_000;
/** A catch-up the worker does not answer in time is given up: the write goes ahead. */
const CATCH_UP_TIMEOUT_MS = 250;

interface Checkpointer {
  /** Resolves when the next transaction may begin (at once, unless the WAL is due to start over). */
  beforeTransaction(): Promise<void> | undefined;
  stop(): Promise<void>;
}

/** Copies WAL pages into the database file off the event loop, so a COMMIT never pays for it. */
function startCheckpointer(file: string, database: Database.Database, catchUpAtPages: number): Checkpointer {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, intervalMs: CHECKPOINT_EVERY_MS, module: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  // Safety net if the worker falls behind or dies: the connection still checkpoints, just later.
  database.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
  database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  // idle → (WAL past the threshold) pre-copy → due → (next transaction waits for the catch-up) idle
  let state: 'idle' | 'pre-copy' | 'due' = 'idle';
  let caughtUp: (() => void) | undefined;
  let failed = false;
  worker.on('message', (m: { walPages?: number; preCopied?: boolean; caughtUp?: boolean }) => {
    if (m.caughtUp) caughtUp?.();
    else if (m.preCopied) state = 'due';
    else if (state === 'idle' && (m.walPages ?? 0) >= catchUpAtPages) {
      state = 'pre-copy';
      worker.postMessage('pre-copy');
    }
  });
  worker.on('error', (err) => {
    console.error('WAL checkpointer failed; back to checkpoints on commit', err);
    failed = true;
    caughtUp?.();
    database.pragma('wal_autocheckpoint = 1000');
  });
  return {
    beforeTransaction() {
      if (state !== 'due' || failed) return undefined;
      state = 'idle';
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, CATCH_UP_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          caughtUp = undefined;
          resolve();
        }
        caughtUp = done;
        worker.postMessage('catch-up');
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Referenced again while closing, or the process could exit before close() resolves.
        worker.ref();
        worker.postMessage('close');
      }),
  };
}

function scopeFilter(eb: ExpressionBuilder<DB, 'records'>, scopes: string[]): Expression<SqlBool> {
  return eb.or(scopes.map((s) => eb(sql<number>`instr(scopes, ${`|${s}|`})`, '>', 0)));
}

const auditCols = ['id', 'hash', 'entry', 'version', 'updated_at'] as const;

/** `audit` records (the chain's links, migration 003) go to the coordinator's scope only (scopesOf). */
const seesAudit = (scopes: string[] | 'all') => scopes === 'all' || scopes.includes('coordinator');

const before = (a: StoredRecord, b: StoredRecord) =>
  a.version !== b.version ? a.version < b.version : a.entity !== b.entity ? a.entity < b.entity : a.id < b.id;

/** Two lists in pull order (version, entity, id) as one, cut at `limit`. */
function mergeByVersion(a: StoredRecord[], b: StoredRecord[], limit: number): StoredRecord[] {
  if (b.length === 0) return a;
  const out: StoredRecord[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && before(a[i]!, b[j]!))) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

const STATEMENT_CACHE = 256;

/**
 * Kysely prepares every query afresh; a mutation runs ~10 small queries, so reusing prepared
 * statements saves a good share of its time. Statements run synchronously one at a time (the
 * driver's mutex), so sharing one is safe.
 */
function cachingStatements(database: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = database.prepare(sql);
        // Bulk inserts vary in length; once full, new shapes are simply not cached.
        if (cache.size < STATEMENT_CACHE) cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * One connection, one writer: every statement of the store runs while `exclusive` holds the lock,
 * so a read outside a transaction never sees another request's uncommitted writes, and
 * transactions run one at a time (versions are allocated in commit order, S6).
 */
function createLock() {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  return {
    exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
      // Nothing held or waiting: run now (a synchronous read finishes before anyone else runs).
      if (queued === 0) {
        queued++;
        let p: Promise<T>;
        try {
          p = Promise.resolve(fn());
        } catch (err) {
          p = Promise.reject(err);
        }
        tail = p.then(
          () => void queued--,
          () => void queued--,
        );
        return p;
      }
      queued++;
      const p = tail.then(() => fn());
      tail = p.then(
        () => void queued--,
        () => void queued--,
      );
      return p;
    },
  };
}

/**
 * Opens (and migrates) the SQLite store: WAL, a busy timeout, and synchronous=NORMAL.
 *
 * The file belongs to this process (one writer, DESIGN §11); a second process writing to it stays
 * correct (the tail of the audit chain, the one thing cached, is dropped whenever `data_version`
 * says another connection committed) but is not a supported deployment.
 */
export async function createSqliteStore(opts: SqliteStoreOptions): Promise<Store> {
  const database = new Database(opts.file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  if (opts.maxPageCount !== undefined) database.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  await migrate(db);
  const checkpointer = opts.backgroundCheckpoint ? startCheckpointer(opts.file, database, opts.walCatchUpPages ?? CATCH_UP_AT_PAGES) : undefined;
  const fast = fastStatements(database);
  // Transaction control as prepared statements too (exec re-parses its SQL every time).
  const tc = {
    begin: database.prepare('BEGIN IMMEDIATE'),
    commit: database.prepare('COMMIT'),
    rollback: database.prepare('ROLLBACK'),
    savepoint: database.prepare('SAVEPOINT mutation'),
    release: database.prepare('RELEASE mutation'),
    rollbackTo: database.prepare('ROLLBACK TO mutation'),
  };
  const lock = createLock();
  const cols = ['entity', 'id', 'version', 'deleted', 'value'] as const;

  // The newest audit link, kept between transactions (null: unknown, read it). Dropped on every
  // rollback and whenever another connection has committed to the file.
  let auditTail: AuditRow | undefined | null = null;
  let dataVersion = -1;

  // Devices by token hash: every push and pull authenticates its device (A1), and the devices
  // table changes only by enrolment and revocation. Cleared on every device write, every rollback
  // and whenever another connection has committed, so a revoked token is refused at once.
  const devices = new Map<string, DeviceRow>();
  let devicesDataVersion = -1;
  const deviceByToken = (tokenHash: string): DeviceRow | undefined => {
    const dv = fast.dataVersion();
    if (dv !== devicesDataVersion) {
      devices.clear();
      devicesDataVersion = dv;
    }
    let d = devices.get(tokenHash);
    if (!d) {
      d = fast.getDeviceByTokenHash(tokenHash);
      if (d && devices.size < 10_000) devices.set(tokenHash, d);
    }
    return d;
  };

  // The change sequence inside a transaction: read once, counted here, and written back once just
  // before COMMIT, instead of an UPDATE … RETURNING for every mutation. null: not read yet.
  let txHead: number | null = null;
  let txHeadDirty = false;
  const allocate = (count: number): number => {
    if (txHead === null) txHead = fast.head();
    const first = txHead + 1;
    txHead += count;
    txHeadDirty = true;
    return first;
  };

  // Rare queries (devices, sessions, sign-ins, counts) go through Kysely on the same connection:
  // inside `transaction` they run within its BEGIN … COMMIT. Everything else is below.
  const slow = makeWriter(db);
  const writer: StoreWriter = {
    ...slow,
    getRecord: async (entity, id) => fast.getRecord(entity, id),
    byRef: async (entity, ref) => fast.byRef(entity, ref),
    head: async () => txHead ?? fast.head(),
    getClient: async (clientId) => fast.getClient(clientId),
    getDeviceByTokenHash: async (tokenHash) => deviceByToken(tokenHash),
    async insertDevice(row) {
      devices.clear();
      await slow.insertDevice(row);
    },
    async updateDevice(id, patch) {
      devices.clear();
      await slow.updateDevice(id, patch);
    },
    async lastAudit() {
      if (auditTail === null) auditTail = fast.lastAudit();
      return auditTail;
    },
    nextVersion: async () => allocate(1),
    reserveVersions: async (count) => allocate(count),
    putRecords: async (rows) => fast.putRecords(rows),
    setClient: async (row) => fast.setClient(row),
    async appendAudit(row) {
      fast.appendAudit(row);
      auditTail = row;
    },
    async savepoint(fn) {
      // One name for every level: RELEASE and ROLLBACK TO act on the innermost savepoint of it.
      tc.savepoint.run();
      const head = { txHead, txHeadDirty };
      try {
        const out = await fn();
        tc.release.run();
        return out;
      } catch (err) {
        // SQLITE_FULL, IOERR and BUSY may have rolled the whole transaction back already: then there
        // is no savepoint left, and the original error is the one to report.
        if (database.inTransaction) {
          tc.rollbackTo.run();
          tc.release.run();
        }
        ({ txHead, txHeadDirty } = head);
        auditTail = null;
        devices.clear();
        throw err;
      }
    },
  };

  const read =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      lock.exclusive(() => f(...a));
  const reader: StoreReader = {
    getRecord: (entity, id) => lock.exclusive(() => fast.getRecord(entity, id)),
    byRef: (entity, ref) => lock.exclusive(() => fast.byRef(entity, ref)),
    countRecords: read(slow.countRecords),
    head: () => lock.exclusive(() => fast.head()),
    getClient: (clientId) => lock.exclusive(() => fast.getClient(clientId)),
    getDevice: read(slow.getDevice),
    getDeviceByTokenHash: (tokenHash) => lock.exclusive(() => deviceByToken(tokenHash)),
    listDevices: read(slow.listDevices),
    getConsoleUser: read(slow.getConsoleUser),
    countConsoleUsers: read(slow.countConsoleUsers),
    getSession: read(slow.getSession),
    getSignInFailure: read(slow.getSignInFailure),
    getProofKey: read(slow.getProofKey),
    getConsoleUserById: read(slow.getConsoleUserById),
    listConsoleUsers: read(slow.listConsoleUsers),
    lastAudit: () => lock.exclusive(() => fast.lastAudit()),
  };

  return {
    ...reader,
    transaction: (fn) =>
      lock.exclusive(async () => {
        // Under the lock, so no statement of ours runs while the worker copies the last frames.
        const wait = checkpointer?.beforeTransaction();
        if (wait) await wait;
        // BEGIN IMMEDIATE: take the write lock now, so nothing can commit between here and COMMIT.
        tc.begin.run();
        txHead = null;
        txHeadDirty = false;
        const dv = fast.dataVersion();
        if (dv !== dataVersion) auditTail = null;
        dataVersion = dv;
        try {
          const out = await fn(writer);
          if (txHeadDirty) fast.setHead(txHead!);
          tc.commit.run();
          return out;
        } catch (err) {
          if (database.inTransaction) tc.rollback.run();
          auditTail = null;
          devices.clear();
          throw err;
        }
      }),
    pull: read(async ({ after, upTo, scopes, limit }) => {
      let q = db.selectFrom('records').select(cols).where('version', '>', after).where('version', '<=', upTo);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      const rows = (await q.orderBy('version').orderBy('entity').orderBy('id').limit(limit).execute()).map(toRecord);
      if (!seesAudit(scopes)) return rows;
      const audit = await db
        .selectFrom('audit')
        .select(auditCols)
        .where('version', '>', after)
        .where('version', '<=', upTo)
        .orderBy('version')
        .limit(limit)
        .execute();
      return mergeByVersion(rows, (audit as AuditRecordRow[]).map(auditToRecord), limit);
    }),
    pullVersion: read(async (version: number, scopes: string[] | 'all') => {
      let q = db.selectFrom('records').select(cols).where('version', '=', version);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      const rows = (await q.orderBy('entity').orderBy('id').execute()).map(toRecord);
      if (!seesAudit(scopes)) return rows;
      const audit = await db.selectFrom('audit').select(auditCols).where('version', '=', version).execute();
      return mergeByVersion(rows, (audit as AuditRecordRow[]).map(auditToRecord), Number.MAX_SAFE_INTEGER);
    }),
    auditEntries: read(async (afterSeq: number, limit: number) => {
      const rows = await db.selectFrom('audit').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: r.seq, prevHash: r.prev_hash, hash: r.hash, entry: r.entry }));
    }),
    close: () =>
      lock.exclusive(async () => {
        await checkpointer?.stop();
        await db.destroy();
      }),
  };
}
