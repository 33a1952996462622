import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Expression, type SqlBool } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { Store } from '../types';
import { migrate } from './migrations';
import type { DB } from './schema';
import { makeWriter, toRecord } from './writer';

export interface SqliteStoreOptions {
  /** Path of the database file; tests use a temp dir, never `:memory:`. */
  file: string;
}


function scopeFilter(eb: ExpressionBuilder<DB, 'records'>, scopes: string[]): Expression<SqlBool> {
  return eb.or(scopes.map((s) => eb(sql<number>`instr(scopes, ${`|${s}|`})`, '>', 0)));
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

/** Opens (and migrates) the SQLite store: WAL, a busy timeout, and synchronous=NORMAL. */
export async function createSqliteStore(opts: SqliteStoreOptions): Promise<Store> {
  const database = new Database(opts.file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  await migrate(db);
  const reader = makeWriter(db);
  const cols = ['entity', 'id', 'version', 'deleted', 'value'] as const;

  return {
    ...reader,
    // Kysely's SQLite driver holds one connection behind a mutex, so transactions run one at a
    // time: the version allocated inside commits before the next one is allocated.
    transaction: (fn) => db.transaction().execute((trx) => fn(makeWriter(trx))),
    async pull({ after, upTo, scopes, limit }) {
      let q = db.selectFrom('records').select(cols).where('version', '>', after).where('version', '<=', upTo);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      return (await q.orderBy('version').orderBy('entity').orderBy('id').limit(limit).execute()).map(toRecord);
    },
    async pullVersion(version, scopes) {
      let q = db.selectFrom('records').select(cols).where('version', '=', version);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      return (await q.orderBy('entity').orderBy('id').execute()).map(toRecord);
    },
    async auditEntries(afterSeq, limit) {
      const rows = await db.selectFrom('audit').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: r.seq, prevHash: r.prev_hash, hash: r.hash, entry: r.entry }));
    },
    close: () => db.destroy(),
  };
}
