import { sql, type Kysely } from 'kysely';
import { commonQueries } from '../common/queries';
import { commonHandle } from '../common/schema';
import type { StoreWriter } from '../types';
import { toDevice, toRecord } from './rows';
import type { DB } from './schema';

/**
 * What a push runs, and what depends on the store's in-memory state (the change sequence counted
 * within a transaction, the audit tail, the device cache, the ref indexes' literal queries), is
 * served by statements.ts and transaction.ts; a Kysely version of those here would bypass that state.
 */
type ServedElsewhere =
  | 'savepoint'
  | 'getRecord'
  | 'byRef'
  | 'head'
  | 'getClient'
  | 'getDeviceByTokenHash'
  | 'lastAudit'
  | 'nextVersion'
  | 'reserveVersions'
  | 'putRecords'
  | 'putRecordsUnaudited'
  | 'setClient'
  | 'appendAudit'
  | 'retainedFrom'
  | 'purgeTombstones';

/**
 * The store's rare queries (devices, sessions, sign-ins, counts) over one Kysely handle: those the
 * PostgreSQL store runs alike from common/queries.ts, SQLite's own (0/1 booleans, `max`) here.
 */
export function makeWriter(db: Kysely<DB>): Omit<StoreWriter, ServedElsewhere> {
  return {
    ...commonQueries(commonHandle(db)),
    async getDevice(id) {
      const r = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDevice(r) : undefined;
    },
    async listDevices() {
      return (await db.selectFrom('devices').selectAll().orderBy('created_at').orderBy('id').execute()).map(toDevice);
    },
    async listRecords(entity) {
      const rows = await db.selectFrom('records').select(['entity', 'id', 'version', 'deleted', 'value']).where('entity', '=', entity).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async insertDevice(d) {
      await db
        .insertInto('devices')
        .values({
          id: d.id,
          name: d.name,
          station_ids: JSON.stringify(d.stationIds),
          token_hash: d.tokenHash,
          revoked: d.revoked ? 1 : 0,
          enrolled_at: d.enrolledAt,
          created_at: d.createdAt,
        })
        .execute();
    },
    async updateDevice(id, patch) {
      const set: Partial<DB['devices']> = {};
      if (patch.tokenHash !== undefined) set.token_hash = patch.tokenHash;
      if (patch.revoked !== undefined) set.revoked = patch.revoked ? 1 : 0;
      if (patch.enrolledAt !== undefined) set.enrolled_at = patch.enrolledAt;
      if (patch.report !== undefined) {
        set.last_seen_at = patch.report.lastSeenAt;
        set.app_version = patch.report.appVersion;
        set.outbox_count = patch.report.outboxCount;
        set.refused_since = patch.report.refusedSince;
      }
      if (Object.keys(set).length) await db.updateTable('devices').set(set).where('id', '=', id).execute();
    },
    async bumpAuthLimit(key, delta, nowMs, forgetBefore) {
      const stale = sql<boolean>`auth_limits.updated_at < ${forgetBefore}`;
      const r = await db
        .insertInto('auth_limits')
        .values({ key, failures: Math.max(0, delta), blocked_until: 0, updated_at: nowMs })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`max(0, CASE WHEN ${stale} THEN 0 ELSE auth_limits.failures END + ${delta})`,
            blocked_until: sql<number>`CASE WHEN ${stale} THEN 0 ELSE auth_limits.blocked_until END`,
            updated_at: nowMs,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return { key: r.key, failures: r.failures, blockedUntil: r.blocked_until, updatedAt: r.updated_at };
    },
  };
}
