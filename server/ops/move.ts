import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPostgresBlobStore } from '../blobs/postgres';
import { createPostgresStore } from '../store/postgres';
import { createSqliteStore } from '../store/sqlite';
import { checkMigrations, compareSchemas, convert, MOVED_TABLES, type Column } from './move-schema';
import { Refusal } from './refusal';
import { failureOf, verifyCopy, type CopyFacts } from './verify-copy';

/** Rows a multi-row INSERT carries: far below PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500;

/** What the move copied, table by table, and what both sides hold afterwards. */
export interface Moved {
  counts: Record<string, number>;
  /** The documents' files copied from DATA_DIR/blobs into the `blobs` table. */
  blobs: number;
  source: CopyFacts;
  target: CopyFacts;
}

/** Whether the target holds no data: no tables, or the migrated schema with empty tables (a move that failed). */
async function targetIsEmpty(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()');
  const tables = new Set(rows.map((r) => r.table_name));
  if (tables.size === 0) return true;
  if (!MOVED_TABLES.every((t) => tables.has(t))) return false;
  for (const t of MOVED_TABLES) {
    const where = t === 'meta' ? " WHERE NOT (key = 'head' AND value = 0)" : '';
    if (Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}${where}`)).rows[0]!.n) > 0) return false;
  }
  return true;
}

/**
 * Moves the SQLite plant in `file` (its server stopped) into the empty PostgreSQL database `url`:
 * migrates the target, copies every table in chunks inside one transaction (a failure leaves the
 * target empty again), then verifies the chain there and that counts and heads match the source.
 */
export async function moveToPostgres(file: string, url: string, progress: (line: string) => void = () => {}): Promise<Moved> {
  if (!existsSync(file)) throw new Refusal(`no SQLite database at ${file}: pass --from the server's DATA_DIR`);
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    if (!(await targetIsEmpty(probe))) throw new Refusal('the target database is not empty: move only into a new, empty database (nothing was copied)');
  } finally {
    await probe.end();
  }
  const src = new Database(file, { fileMustExist: true });
  try {
    checkMigrations((src.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name));
  } catch (err) {
    src.close();
    throw err instanceof Refusal ? err : new Refusal(`${file} is not a Floorboard database: ${(err as Error).message}`);
  }
  // The target gets PostgreSQL's own schema, from its migrations, before anything is compared.
  await (await createPostgresStore({ url })).close();
  const counts: Record<string, number> = {};
  const dst = new pg.Client({ connectionString: url });
  await dst.connect();
  try {
    const columns = await compareSchemas(src, dst);
    // One read transaction: WAL gives it one snapshot of the file, so the copy is consistent.
    src.exec('BEGIN');
    await dst.query('BEGIN');
    await dst.query('DELETE FROM meta');
    for (const table of MOVED_TABLES) counts[table] = await copyTable(src, dst, table, columns.get(table)!, progress);
    await dst.query('COMMIT');
  } catch (err) {
    await dst.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    if (src.inTransaction) src.exec('ROLLBACK');
    src.close();
    await dst.end();
  }
  const blobs = await copyBlobs(join(dirname(file), 'blobs'), url, progress);
  progress('verifying the audit chain on PostgreSQL …');
  return { counts, blobs, ...(await compare(file, url, counts)) };
}

/**
 * The documents' files (T2): SQLite's server keeps them under DATA_DIR/blobs, PostgreSQL's in its
 * `blobs` table, so every instance serves them. Each is stored by the sha256 of its bytes, which
 * must be its file name: a damaged file stops the move in words.
 */
async function copyBlobs(dir: string, url: string, progress: (line: string) => void): Promise<number> {
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => /^[0-9a-f]{62}$/.test(f))
        .map((f) => ({ sha: d.name + f, path: join(dir, d.name, f) })),
    );
  progress(`blobs: ${files.length} documents' files …`);
  const store = createPostgresBlobStore({ url });
  try {
    for (const f of files) {
      const sha = await store.put(readFileSync(f.path));
      if (sha !== f.sha) throw new Refusal(`the file ${f.path} is damaged: its bytes' sha256 is ${sha}, not its name`);
    }
  } finally {
    await store.close();
  }
  return files.length;
}

async function copyTable(src: Database.Database, dst: pg.ClientBase, table: string, cols: Column[], progress: (line: string) => void): Promise<number> {
  const total = (src.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const read = src.prepare(`SELECT rowid AS _rowid, ${cols.map((c) => `"${c.name}"`).join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`);
  let done = 0;
  for (let after = 0; ; ) {
    const rows = read.all(after) as Record<string, unknown>[];
    if (rows.length === 0) break;
    const params: unknown[] = [];
    const tuples = rows.map((r) => `(${cols.map((c) => `$${params.push(convert(c.type, r[c.name]))}`).join(', ')})`);
    await dst.query(`INSERT INTO ${table} (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
    done += rows.length;
    after = rows[rows.length - 1]!._rowid as number;
    if (total > CHUNK) progress(`  ${table}: ${done} / ${total}`);
  }
  progress(`${table}: ${done} rows`);
  return done;
}

/** Verifies both sides and holds the target to the source: every table's count, the change sequence, the chain's head. */
async function compare(file: string, url: string, counts: Record<string, number>): Promise<Omit<Moved, 'counts' | 'blobs'>> {
  const sqlite = await createSqliteStore({ file });
  const postgres = await createPostgresStore({ url });
  try {
    const source = await verifyCopy(sqlite);
    const target = await verifyCopy(postgres);
    if (!target.report.ok) throw new Refusal(`moved, but on PostgreSQL ${failureOf(target.report)}: do not start servers on it`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const t of MOVED_TABLES) {
        const n = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
        if (n !== counts[t]) throw new Refusal(`moved, but PostgreSQL's ${t} has ${n} rows, SQLite's ${counts[t]}`);
      }
    } finally {
      await client.end();
    }
    const same =
      source.head.seq === target.head.seq && source.head.hash === target.head.hash && source.version === target.version && source.records === target.records;
    if (!same)
      throw new Refusal(
        `moved, but the heads differ: SQLite ${source.head.seq}:${source.head.hash} v${source.version}, PostgreSQL ${target.head.seq}:${target.head.hash} v${target.version}`,
      );
    return { source, target };
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}
