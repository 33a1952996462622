import type { EntityName } from '../../../shared/schema';
import { auditRecordJson } from '../audit-record';
import type { DeviceRow, StoredRecord } from '../types';
import type { DB } from './schema';

/** A `records` row as the store's queries select it. */
export type RecordRow = { entity: string; id: string; version: number; deleted: number; value: string };

/** A `records` row as the store hands it out. */
export const toRecord = (r: RecordRow): StoredRecord => ({
  entity: r.entity as EntityName,
  id: r.id,
  version: r.version,
  deleted: r.deleted === 1,
  value: r.value,
});

/** A chain row with a version (filtered on it), so written by a mutation since migration 003. */
export type AuditRecordRow = { id: string; hash: string; entry: string; version: number; updated_at: string };

/** A link of the chain as the console's `audit` record. */
export const auditToRecord = (r: AuditRecordRow): StoredRecord => ({
  entity: 'audit',
  id: r.id,
  version: r.version,
  deleted: false,
  value: auditRecordJson(r.entry, r.hash, r.version, r.updated_at),
});

/** A `devices` row as the store hands it out. */
export const toDevice = (r: DB['devices']): DeviceRow => ({
  id: r.id,
  name: r.name,
  stationIds: JSON.parse(r.station_ids) as string[],
  tokenHash: r.token_hash,
  revoked: r.revoked === 1,
  enrolledAt: r.enrolled_at,
  createdAt: r.created_at,
  report: { lastSeenAt: r.last_seen_at ?? null, appVersion: r.app_version ?? null, outboxCount: r.outbox_count ?? null, refusedSince: r.refused_since ?? null },
});

/** Scopes are stored between bars so one `instr` finds a scope without a join. */
export const encodeScopes = (scopes: string[]): string => `|${scopes.join('|')}|`;
