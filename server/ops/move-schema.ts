import type Database from 'better-sqlite3';
import type pg from 'pg';
import { MIGRATIONS as PG_MIGRATIONS } from '../store/postgres/migrations';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../store/sqlite/migrations';
import { Refusal } from './refusal';

/**
 * The migrations this move was written for, on each side. A migration added on either side may
 * add a table or a column, or change what a value means, that the move would not know to carry:
 * it fails here, in words, before copying anything, until someone teaches it the change.
 */
const KNOWN = {
  sqlite: [
    '001-initial',
    '002-ordered-indexes',
    '003-audit-synced-from-chain',
    '004-ref-index-for-queried-entities',
    '005-auth-limits',
    '006-audit-append-only',
    '007-sessions-users',
    '008-pin-proof-keys',
    '009-drop-sign-in-failures',
    // Nullable text and integer columns of `devices` on both sides: copied as any column is.
    '010-device-reports',
    // An index on the ref of travelers and documents: nothing to carry.
    '011-ref-index-travelers-documents',
  ],
  // 005 adds the `blobs` table, which the move fills from DATA_DIR/blobs (move.ts copyBlobs).
  postgres: ['001-initial', '002-limits-sessions-proofs', '003-drop-sign-in-failures', '004-device-reports', '005-documents'],
};

/** Tables only PostgreSQL has: the documents' files, which SQLite's server keeps under DATA_DIR/blobs. */
const PG_ONLY_TABLES = ['blobs'];

/** Every table the stores have, in the order they are copied (the chain last, so it closes the move). */
export const MOVED_TABLES = [
  'meta',
  'clients',
  'devices',
  'enrollment_codes',
  'console_users',
  'sessions',
  'auth_limits',
  'pin_proof_keys',
  'records',
  'audit',
] as const;

/** A column as PostgreSQL types it: what the move converts SQLite's value to. */
export interface Column {
  name: string;
  /** information_schema's data_type: text, bigint, integer, boolean, ARRAY. */
  type: string;
}

const names = (list: { name: string }[]) => list.map((m) => m.name).join(', ');

/** Refuses unless both sides' migration lists are the ones this move knows, and `applied` (the source's) is all of SQLite's. */
export function checkMigrations(applied: string[]): void {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(names(SQLITE_MIGRATIONS).split(', '), KNOWN.sqlite) || !same(names(PG_MIGRATIONS).split(', '), KNOWN.postgres)) {
    throw new Refusal(
      `the stores' migrations changed (SQLite: ${names(SQLITE_MIGRATIONS)}; PostgreSQL: ${names(PG_MIGRATIONS)}); ` +
        'migrate-to-postgres knows only ' +
        `${KNOWN.sqlite.join(', ')} and ${KNOWN.postgres.join(', ')}: ` +
        'teach server/ops/move-schema.ts the change before moving a plant (nothing was copied)',
    );
  }
  if (!same(applied, KNOWN.sqlite)) {
    throw new Refusal(
      `the SQLite file has the migrations ${applied.join(', ') || 'none'}, this build ${KNOWN.sqlite.join(', ')}: ` +
        'start the server of this build on it once (npm start) so it is migrated, then move it (nothing was copied)',
    );
  }
}

/** The source's tables and columns, held to the target's: both must be exactly MOVED_TABLES with the same columns. */
export async function compareSchemas(src: Database.Database, dst: pg.ClientBase): Promise<Map<string, Column[]>> {
  const srcTables = (
    src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const { rows } = await dst.query<{ table_name: string; column_name: string; data_type: string }>(
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY table_name, ordinal_position",
  );
  const dstColumns = new Map<string, Column[]>();
  // PostgreSQL's `blobs` holds what SQLite's server keeps as files; move.ts copies them apart.
  for (const r of rows)
    if (!PG_ONLY_TABLES.includes(r.table_name))
      dstColumns.set(r.table_name, [...(dstColumns.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  const want = [...MOVED_TABLES].sort().join(', ');
  if (srcTables.join(', ') !== want) throw new Refusal(`the SQLite file's tables are ${srcTables.join(', ')}; the move knows ${want} (nothing was copied)`);
  if ([...dstColumns.keys()].sort().join(', ') !== want)
    throw new Refusal(`PostgreSQL's tables are ${[...dstColumns.keys()].sort().join(', ')}; the move knows ${want} (nothing was copied)`);
  for (const table of MOVED_TABLES) {
    const s = (src.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
      .map((c) => c.name)
      .sort()
      .join(', ');
    const d = dstColumns.get(table)!;
    if (
      s !==
      d
        .map((c) => c.name)
        .sort()
        .join(', ')
    )
      throw new Refusal(`${table} has the columns ${s} in SQLite but ${names(d)} in PostgreSQL (nothing was copied)`);
    const odd = d.find(
      (c) => !['text', 'bigint', 'integer', 'boolean', 'ARRAY'].includes(c.type) || (c.type === 'ARRAY' && `${table}.${c.name}` !== 'records.scopes'),
    );
    if (odd) throw new Refusal(`${table}.${odd.name} is ${odd.type} in PostgreSQL, which the move cannot convert (nothing was copied)`);
  }
  return dstColumns;
}

/** SQLite's value of a column as PostgreSQL's type wants it: 0/1 → boolean, `|a|b|` → text[] (scopes). */
export function convert(type: string, value: unknown): unknown {
  if (value === null) return null;
  if (type === 'boolean') return value === 1 || value === 1n;
  if (type === 'ARRAY')
    return String(value)
      .split('|')
      .filter((s) => s !== '');
  return value;
}
