import type { EntityName } from '../../../shared/schema';
import { auditRecordJson } from '../audit-record';
import type { AuditRow, DeviceRow, StoredRecord } from '../types';
import type { DB } from './schema';

/** A `records` row as the store's queries select it. */
export type RecordRow = Pick<DB['records'], 'entity' | 'id' | 'version' | 'deleted' | 'value'>;

/** A `records` row as the store hands it out. */
export const toRecord = (r: RecordRow): StoredRecord => ({
  entity: r.entity as EntityName,
  id: r.id,
  version: r.version,
  deleted: r.deleted,
  value: r.value,
});

/** A link of the chain written by a mutation, as the console's `audit` record. */
export const auditToRecord = (r: { id: string; hash: string; entry: string; version: number; updated_at: string }): StoredRecord => ({
  entity: 'audit',
  id: r.id,
  version: r.version,
  deleted: false,
  value: auditRecordJson(r.entry, r.hash, r.version, r.updated_at),
});

/** A link of the chain as `AuditRow`. */
export const toAuditRow = (r: Pick<DB['audit'], 'seq' | 'prev_hash' | 'hash' | 'entry'>): AuditRow => ({
  seq: r.seq,
  prevHash: r.prev_hash,
  hash: r.hash,
  entry: r.entry,
});

/** A `devices` row as the store hands it out. */
export const toDevice = (r: DB['devices']): DeviceRow => ({
  id: r.id,
  name: r.name,
  stationIds: JSON.parse(r.station_ids) as string[],
  tokenHash: r.token_hash,
  revoked: r.revoked,
  enrolledAt: r.enrolled_at,
  createdAt: r.created_at,
  report: { lastSeenAt: r.last_seen_at ?? null, appVersion: r.app_version ?? null, outboxCount: r.outbox_count ?? null, refusedSince: r.refused_since ?? null },
});
