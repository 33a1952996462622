// Server-side truth for the browser tests: the store the real server writes, read directly (the
// SQLite file read-only, or the PostgreSQL database), so tests count what was applied.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Where a running server stores: its SQLite file's directory, or its PostgreSQL database. */
export interface StoreLocation {
  dataDir: string;
  /** Set when the server runs on PostgreSQL (DATABASE_URL). */
  databaseUrl?: string;
}

// int8 (versions, seqs, mutation ids) as numbers, as the store itself reads them.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const pools = new Map<string, pg.Pool>();

/** Rows of one query (`$1`-style parameters) on whichever store the server uses. */
async function query<T>(at: StoreLocation, text: string, params: unknown[] = []): Promise<T[]> {
  if (at.databaseUrl) {
    let pool = pools.get(at.databaseUrl);
    if (!pool) pools.set(at.databaseUrl, (pool = new pg.Pool({ connectionString: at.databaseUrl, max: 2, types })));
    return (await pool.query(text, params)).rows as T[];
  }
  const db = new Database(join(at.dataDir, 'floorboard.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(text.replace(/\$\d+/g, '?')).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Ends the connections opened to read this server's database (before it is dropped). */
export async function closeStoreReader(at: StoreLocation): Promise<void> {
  const pool = at.databaseUrl ? pools.get(at.databaseUrl) : undefined;
  if (!pool) return;
  pools.delete(at.databaseUrl!);
  await pool.end();
}

export interface ServerRecord {
  entity: string;
  id: string;
  version: number;
  value: Record<string, unknown>;
}

/** Every stored record of one entity collection (e.g. `quantityReports`), parsed. */
export async function serverRecords(at: StoreLocation, entity: string): Promise<ServerRecord[]> {
  const rows = await query<{ entity: string; id: string; version: number; value: string }>(
    at,
    'SELECT entity, id, version, value FROM records WHERE entity = $1 AND NOT deleted',
    [entity],
  );
  return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as Record<string, unknown> }));
}

export interface ServerAuditEntry {
  clientId: string;
  mutationId: number;
  mutation: string;
  args: Record<string, unknown>;
  actorId: string;
  deviceId: string;
  outcome: 'applied' | 'rejected' | 'conflict';
  code: string | null;
}

/** The audit trail: one entry per processed mutation (A4), in order (the seed's `system` links left out). */
export async function serverAudit(at: StoreLocation): Promise<ServerAuditEntry[]> {
  const rows = await query<{ entry: string }>(at, "SELECT entry FROM audit WHERE id NOT LIKE 'system:%' ORDER BY seq");
  return rows.map((r) => JSON.parse(r.entry) as ServerAuditEntry);
}

/** `lastMutationId` the server holds for each client (S2). */
export async function serverClients(at: StoreLocation): Promise<Map<string, number>> {
  const rows = await query<{ client_id: string; last_mutation_id: number }>(at, 'SELECT client_id, last_mutation_id FROM clients');
  return new Map(rows.map((r) => [r.client_id, Number(r.last_mutation_id)]));
}

/** How many mutations the server has processed so far (audit rows), cheap enough to poll. */
export async function serverAuditCount(at: StoreLocation): Promise<number> {
  return Number((await query<{ n: number | string }>(at, 'SELECT COUNT(*) AS n FROM audit'))[0]!.n);
}
