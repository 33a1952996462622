import type pg from 'pg';
import type { AuditLink, AuditRow, ClientRow, DeviceRow, RecordWrite, StoredRecord } from '../types';
import { auditToRecord, toAuditRow, toDevice, toRecord } from './rows';

/**
 * The statements a push runs, on the transaction's own pg client: named, so each connection
 * parses and plans them once (D2 lets the hot path leave Kysely). byRef stays unnamed: a generic
 * plan could not use the partial ref indexes, whose predicate is the entity's literal value.
 */
const GET_RECORD = { name: 'fb_get_record', text: 'SELECT entity, id, version, deleted, value FROM records WHERE entity = $1 AND id = $2' };
const GET_AUDIT = { name: 'fb_get_audit', text: 'SELECT id, hash, entry, version, updated_at FROM audit WHERE id = $1' };
const GET_CLIENT = { name: 'fb_get_client', text: 'SELECT owner, last_mutation_id FROM clients WHERE client_id = $1' };
const LAST_AUDIT = { name: 'fb_last_audit', text: 'SELECT seq, prev_hash, hash, entry FROM audit ORDER BY seq DESC LIMIT 1' };
const GET_DEVICE_BY_TOKEN = { name: 'fb_get_device_by_token', text: 'SELECT * FROM devices WHERE token_hash = $1' };
const HEAD = { name: 'fb_head', text: "SELECT value FROM meta WHERE key = 'head'" };
const BY_REF = 'SELECT entity, id, version, deleted, value FROM records WHERE entity = $1 AND ref = $2 ORDER BY id';

/**
 * Every write a group commit buffered, in one statement: the audit links, the records and the
 * clients as arrays (unnest), and the head. One text whatever the row count, so it is prepared
 * once too. Rows of one key must appear once (ON CONFLICT cannot touch a row twice): see flush.
 */
const FLUSH = {
  name: 'fb_flush',
  text: `WITH a AS (
    INSERT INTO audit (seq, prev_hash, hash, entry, id, version, updated_at)
    SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::text[])
  ), r AS (
    INSERT INTO records (entity, id, version, updated_at, deleted, scopes, ref, value)
    SELECT e, i, v, u, d, s::text[], f, x FROM unnest($8::text[], $9::text[], $10::int8[], $11::text[], $12::bool[], $13::text[], $14::text[], $15::text[]) AS t(e, i, v, u, d, s, f, x)
    ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, deleted = excluded.deleted,
      scopes = excluded.scopes, ref = excluded.ref, value = excluded.value
  ), c AS (
    INSERT INTO clients (client_id, owner, last_mutation_id)
    SELECT * FROM unnest($16::text[], $17::text[], $18::int8[])
    ON CONFLICT (client_id) DO UPDATE SET owner = excluded.owner, last_mutation_id = excluded.last_mutation_id
  )
  UPDATE meta SET value = $19 WHERE key = 'head' AND value <> $19`,
};

/** A text[] literal of `values`, for one element of a text[] parameter that is cast back per row. */
const arrayLiteral = (values: string[]) => `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** The writes one flush carries, each key once. */
export interface Flush {
  audit: AuditLink[];
  records: RecordWrite[];
  clients: ClientRow[];
  head: number;
}

/** The reads every request or push makes outside a transaction, on any of the pool's connections. */
export function poolReads(pool: pg.Pool | pg.PoolClient) {
  return {
    async getRecord(entity: string, id: string): Promise<StoredRecord | undefined> {
      if (entity === 'audit') {
        const r = (await pool.query({ ...GET_AUDIT, values: [id] })).rows[0];
        return r ? auditToRecord(r) : undefined;
      }
      const r = (await pool.query({ ...GET_RECORD, values: [entity, id] })).rows[0];
      return r ? toRecord(r) : undefined;
    },
    async getClient(clientId: string): Promise<ClientRow | undefined> {
      const r = (await pool.query({ ...GET_CLIENT, values: [clientId] })).rows[0] as { owner: string; last_mutation_id: number } | undefined;
      return r ? { clientId, owner: r.owner, lastMutationId: r.last_mutation_id } : undefined;
    },
    async head(): Promise<number> {
      const r = (await pool.query(HEAD)).rows[0] as { value: number } | undefined;
      return r?.value ?? 0;
    },
    // Read on every request, never cached: another instance may have revoked it (A1, D3).
    async getDeviceByTokenHash(tokenHash: string): Promise<DeviceRow | undefined> {
      const r = (await pool.query({ ...GET_DEVICE_BY_TOKEN, values: [tokenHash] })).rows[0];
      return r ? toDevice(r) : undefined;
    },
  };
}

/** The push path's statements over one pg client (the transaction's). */
export function statements(client: pg.PoolClient) {
  return {
    ...poolReads(client),
    /** BEGIN and the head row's lock in one round trip (a simple query may carry several statements). */
    async beginLocked(): Promise<number> {
      const results = (await client.query("BEGIN; SELECT value FROM meta WHERE key = 'head' FOR UPDATE")) as unknown as pg.QueryResult<{ value: number }>[];
      return Number(results[1]!.rows[0]!.value);
    },
    async byRef(entity: string, ref: string): Promise<StoredRecord[]> {
      return (await client.query(BY_REF, [entity, ref])).rows.map(toRecord);
    },
    async lastAudit(): Promise<AuditRow | undefined> {
      const r = (await client.query(LAST_AUDIT)).rows[0];
      return r ? toAuditRow(r) : undefined;
    },
    async flush({ audit, records, clients, head }: Flush): Promise<void> {
      await client.query({
        ...FLUSH,
        values: [
          audit.map((a) => a.seq),
          audit.map((a) => a.prevHash),
          audit.map((a) => a.hash),
          audit.map((a) => a.entry),
          audit.map((a) => a.id),
          audit.map((a) => a.version),
          audit.map((a) => a.updatedAt),
          records.map((r) => r.entity),
          records.map((r) => r.id),
          records.map((r) => r.version),
          records.map((r) => r.updatedAt),
          records.map((r) => r.deleted),
          records.map((r) => arrayLiteral(r.scopes)),
          records.map((r) => r.ref),
          records.map((r) => r.value),
          clients.map((c) => c.clientId),
          clients.map((c) => c.owner),
          clients.map((c) => c.lastMutationId),
          head,
        ],
      });
    },
  };
}

export type Statements = ReturnType<typeof statements>;
