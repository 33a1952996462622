import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

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

/** Opens the file (WAL, a busy timeout, synchronous=FULL) and a Kysely handle on the same connection. */
export function openConnection(file: string): { database: Database.Database; db: Kysely<DB> } {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  // D1: "applied" must survive a power cut, so every COMMIT fsyncs the WAL (NORMAL would only
  // survive a crash of the process). Group commit (sync/committer.ts) amortises the fsync.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  return { database, db };
}
