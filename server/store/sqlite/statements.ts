import type Database from 'better-sqlite3';
import type { AuditLink, AuditRow, ClientRow, DeviceRow, RecordWrite, StoredRecord } from '../types';
import type { DB } from './schema';
import { auditToRecord, encodeScopes, toDevice, toRecord, type AuditRecordRow, type RecordRow as Row } from './rows';

/**
 * The entities the server looks up by ref (the `Tx.byRef` calls in shared/domain), the only ones
 * with a ref index (`records_ref_<entity>`, migrations 004 and 010). `byRef` on any other entity is correct
 * but walks that entity's records; a test keeps the domain's calls inside this list.
 */
export const REF_INDEXED_ENTITIES: string[] = ['operations', 'holds', 'reasonCodes', 'travelers', 'documents', 'quantityReports'];

/** The prepared statements of the hot path; see {@link prepareStatements}. */
export type Statements = ReturnType<typeof prepareStatements>;

/**
 * The queries a pushed mutation runs, as prepared better-sqlite3 statements. Building and compiling
 * them through Kysely cost more than running them (~60% of a mutation's CPU); the SQL is the same.
 * Only ever called while the store's lock is held (see lock.ts), so they see one transaction.
 */
export function prepareStatements(database: Database.Database) {
  const getRecord = database.prepare('SELECT entity, id, version, deleted, value FROM records WHERE entity = ? AND id = ?');
  // A partial index serves only a query that names its entity as the same literal (migration 004).
  const byRefIndexed = new Map(
    REF_INDEXED_ENTITIES.map((e) => [
      e,
      database.prepare(`SELECT entity, id, version, deleted, value FROM records WHERE entity = '${e}' AND ref = ? ORDER BY id`),
    ]),
  );
  const byRefScan = database.prepare('SELECT entity, id, version, deleted, value FROM records WHERE entity = ? AND ref = ? ORDER BY id');
  const head = database.prepare("SELECT value FROM meta WHERE key = 'head'").pluck();
  const setHead = database.prepare("UPDATE meta SET value = ? WHERE key = 'head'");
  const getClient = database.prepare('SELECT client_id, owner, last_mutation_id FROM clients WHERE client_id = ?');
  const setClient = database.prepare(
    'INSERT INTO clients (client_id, owner, last_mutation_id) VALUES (?, ?, ?) ' +
      'ON CONFLICT (client_id) DO UPDATE SET owner = excluded.owner, last_mutation_id = excluded.last_mutation_id',
  );
  const putRecord = database.prepare(
    'INSERT INTO records (entity, id, version, updated_at, deleted, scopes, ref, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, ' +
      'deleted = excluded.deleted, scopes = excluded.scopes, ref = excluded.ref, value = excluded.value',
  );
  const lastAudit = database.prepare('SELECT seq, prev_hash, hash, entry FROM audit ORDER BY seq DESC LIMIT 1');
  const appendAudit = database.prepare('INSERT INTO audit (seq, prev_hash, hash, entry, id, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const auditById = database.prepare('SELECT id, hash, entry, version, updated_at FROM audit WHERE id = ?');
  const dataVersion = database.prepare('PRAGMA data_version').pluck();
  const retainedFrom = database.prepare("SELECT value FROM meta WHERE key = 'retainedFrom'").pluck();
  // No index on `deleted`: tombstones are rare, and the purge runs hourly (docs/sync.md).
  const purgeTombstones = database.prepare('DELETE FROM records WHERE deleted = 1 AND updated_at < ? RETURNING version').pluck();
  const raiseRetainedFrom = database.prepare(
    "INSERT INTO meta (key, value) VALUES ('retainedFrom', ?) ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)",
  );
  // Every push and pull authenticates its device (A1: revocation is checked on each request).
  const deviceByToken = database.prepare('SELECT * FROM devices WHERE token_hash = ?');
  // Transaction control as prepared statements too (exec re-parses its SQL every time).
  // BEGIN IMMEDIATE takes the write lock at once, so nothing can commit between it and COMMIT.
  const begin = database.prepare('BEGIN IMMEDIATE');
  const commit = database.prepare('COMMIT');
  const rollback = database.prepare('ROLLBACK');
  // One name for every level: RELEASE and ROLLBACK TO act on the innermost savepoint of it.
  const savepoint = database.prepare('SAVEPOINT mutation');
  const release = database.prepare('RELEASE mutation');
  const rollbackTo = database.prepare('ROLLBACK TO mutation');

  return {
    begin: () => void begin.run(),
    commit: () => void commit.run(),
    /** Rolls back the open transaction, if SQLite has not already done so. */
    rollback: () => void (database.inTransaction && rollback.run()),
    savepoint: () => void savepoint.run(),
    release: () => void release.run(),
    /**
     * Undoes the innermost savepoint's writes and ends it. SQLITE_FULL, IOERR and BUSY may have
     * rolled the whole transaction back already: then there is no savepoint left, and the
     * original error is the one to report.
     */
    rollbackToSavepoint() {
      if (!database.inTransaction) return;
      rollbackTo.run();
      release.run();
    },
    getRecord(entity: string, id: string): StoredRecord | undefined {
      if (entity === 'audit') {
        const a = auditById.get(id) as AuditRecordRow | undefined;
        return a ? auditToRecord(a) : undefined;
      }
      const r = getRecord.get(entity, id) as Row | undefined;
      return r ? toRecord(r) : undefined;
    },
    byRef(entity: string, ref: string): StoredRecord[] {
      const indexed = byRefIndexed.get(entity);
      return ((indexed ? indexed.all(ref) : byRefScan.all(entity, ref)) as Row[]).map(toRecord);
    },
    head(): number {
      return (head.get() as number | undefined) ?? 0;
    },
    setHead(value: number): void {
      setHead.run(value);
    },
    getClient(clientId: string): ClientRow | undefined {
      const r = getClient.get(clientId) as { client_id: string; owner: string; last_mutation_id: number } | undefined;
      return r ? { clientId: r.client_id, owner: r.owner, lastMutationId: r.last_mutation_id } : undefined;
    },
    setClient(row: ClientRow): void {
      setClient.run(row.clientId, row.owner, row.lastMutationId);
    },
    putRecords(rows: RecordWrite[]): void {
      for (const r of rows) {
        if (r.entity === 'audit') throw new Error('audit records are links of the chain: appendAudit writes them');
        putRecord.run(r.entity, r.id, r.version, r.updatedAt, r.deleted ? 1 : 0, encodeScopes(r.scopes), r.ref, r.value);
      }
    },
    lastAudit(): AuditRow | undefined {
      const r = lastAudit.get() as { seq: number; prev_hash: string; hash: string; entry: string } | undefined;
      return r ? { seq: r.seq, prevHash: r.prev_hash, hash: r.hash, entry: r.entry } : undefined;
    },
    appendAudit(a: AuditLink): void {
      appendAudit.run(a.seq, a.prevHash, a.hash, a.entry, a.id, a.version, a.updatedAt);
    },
    getDeviceByTokenHash(tokenHash: string): DeviceRow | undefined {
      const r = deviceByToken.get(tokenHash) as DB['devices'] | undefined;
      return r ? toDevice(r) : undefined;
    },
    retainedFrom(): number {
      return (retainedFrom.get() as number | undefined) ?? 0;
    },
    /** Must run inside a transaction: the delete and the raised mark commit together. */
    purgeTombstones(updatedBefore: string): { purged: number; retainedFrom: number } {
      const versions = purgeTombstones.all(updatedBefore) as number[];
      // A loop, not Math.max(...versions): a purge can return more versions than a call takes arguments.
      let newest = 0;
      for (const v of versions) if (v > newest) newest = v;
      if (versions.length) raiseRetainedFrom.run(newest);
      return { purged: versions.length, retainedFrom: (retainedFrom.get() as number | undefined) ?? 0 };
    },
    /** Changes whenever another connection commits to the file (not on our own commits). */
    dataVersion(): number {
      return dataVersion.get() as number;
    },
  };
}
