import type { AuditLink, ClientRow, RecordWrite, StoredRecord } from '../types';
import { auditToRecord } from './rows';
import type { Flush } from './statements';

type Op = { kind: 'audit'; row: AuditLink } | { kind: 'record'; row: RecordWrite } | { kind: 'client'; row: ClientRow };

const key = (entity: string, id: string) => `${entity}\u0000${id}`;
const stored = (r: RecordWrite): StoredRecord => ({ entity: r.entity, id: r.id, version: r.version, deleted: r.deleted, value: r.value });
const auditStored = (a: AuditLink) => auditToRecord({ id: a.id, hash: a.hash, entry: a.entry, version: a.version, updated_at: a.updatedAt });

/**
 * One PostgreSQL transaction's writes not sent yet, and what it has read. Valid only while the
 * transaction holds the head row: every writer of records, clients and audit links takes it first
 * (transaction.ts), so no row read here changes under us and a read can be answered again from
 * memory. Reads look at the unsent writes first, then at what was read, then at the database.
 */
export class TxBuffer {
  /** Writes in call order, not yet sent; a savepoint level is a position in it. */
  private ops: Op[] = [];
  private records = new Map<string, StoredRecord>();
  private clients = new Map<string, ClientRow>();
  /** Entities with unsent record writes: a byRef of them must send those first. */
  private entities = new Map<string, number>();
  /** What the database answered (or holds after a flush); may be dropped at any time. */
  private readRecords = new Map<string, StoredRecord | undefined>();
  private readClients = new Map<string, ClientRow | undefined>();
  private readRefs = new Map<string, StoredRecord[]>();

  get size(): number {
    return this.ops.length;
  }

  /** The unsent write or the known row: `found` false means ask the database. */
  record(entity: string, id: string): { found: boolean; row?: StoredRecord } {
    const k = key(entity, id);
    const w = this.records.get(k);
    if (w) return { found: true, row: w };
    return this.readRecords.has(k) ? { found: true, row: this.readRecords.get(k) } : { found: false };
  }
  sawRecord(entity: string, id: string, row: StoredRecord | undefined): void {
    this.readRecords.set(key(entity, id), row);
  }

  client(clientId: string): { found: boolean; row?: ClientRow } {
    const w = this.clients.get(clientId);
    if (w) return { found: true, row: w };
    return this.readClients.has(clientId) ? { found: true, row: this.readClients.get(clientId) } : { found: false };
  }
  sawClient(clientId: string, row: ClientRow | undefined): void {
    this.readClients.set(clientId, row);
  }

  /** byRef can be answered from the database (after what was read) only when no write of the entity is unsent. */
  refsPending(entity: string): boolean {
    return (this.entities.get(entity) ?? 0) > 0;
  }
  refs(entity: string, ref: string): StoredRecord[] | undefined {
    return this.readRefs.get(key(entity, ref));
  }
  sawRefs(entity: string, ref: string, rows: StoredRecord[]): void {
    this.readRefs.set(key(entity, ref), rows);
  }

  putRecords(rows: RecordWrite[]): void {
    for (const r of rows) {
      this.ops.push({ kind: 'record', row: r });
      this.records.set(key(r.entity, r.id), stored(r));
      this.entities.set(r.entity, (this.entities.get(r.entity) ?? 0) + 1);
      this.dropRefs(r.entity);
    }
  }
  appendAudit(a: AuditLink): void {
    this.ops.push({ kind: 'audit', row: a });
    this.records.set(key('audit', a.id), auditStored(a));
  }
  setClient(c: ClientRow): void {
    this.ops.push({ kind: 'client', row: c });
    this.clients.set(c.clientId, c);
  }

  /**
   * Takes the first `count` unsent writes out for one statement: each key once, its last write.
   * What they wrote is what the database holds from then on.
   */
  take(count: number, head: number): Flush {
    const taken = this.ops.splice(0, count);
    const records = new Map<string, RecordWrite>();
    const clients = new Map<string, ClientRow>();
    const audit: AuditLink[] = [];
    for (const op of taken) {
      if (op.kind === 'audit') audit.push(op.row);
      else if (op.kind === 'record') records.set(key(op.row.entity, op.row.id), op.row);
      else clients.set(op.row.clientId, op.row);
    }
    this.reindex();
    for (const a of audit) this.readRecords.set(key('audit', a.id), auditStored(a));
    for (const [k, r] of records) this.readRecords.set(k, stored(r));
    for (const [id, c] of clients) this.readClients.set(id, c);
    return { audit, records: [...records.values()], clients: [...clients.values()], head };
  }

  /** Drops the unsent writes from position `mark` on (a savepoint rolled back), and what was read. */
  truncate(mark: number): void {
    this.ops.length = mark;
    this.reindex();
    this.forgetReads();
  }

  /** Forgets what was read (the database changed under a statement the buffer does not follow). */
  forgetReads(): void {
    this.readRecords.clear();
    this.readClients.clear();
    this.readRefs.clear();
  }

  private dropRefs(entity: string) {
    const prefix = key(entity, '');
    for (const k of this.readRefs.keys()) if (k.startsWith(prefix)) this.readRefs.delete(k);
  }

  /** Rebuilds the unsent overlay from `ops` (after a take or a truncate: rare next to writes). */
  private reindex() {
    this.records.clear();
    this.clients.clear();
    this.entities.clear();
    for (const op of this.ops) {
      if (op.kind === 'audit') this.records.set(key('audit', op.row.id), auditStored(op.row));
      else if (op.kind === 'client') this.clients.set(op.row.clientId, op.row);
      else {
        this.records.set(key(op.row.entity, op.row.id), stored(op.row));
        this.entities.set(op.row.entity, (this.entities.get(op.row.entity) ?? 0) + 1);
        this.dropRefs(op.row.entity);
      }
    }
  }
}
