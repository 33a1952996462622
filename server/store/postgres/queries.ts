import { sql, type Kysely } from 'kysely';
import { commonQueries } from '../common/queries';
import { commonHandle } from '../common/schema';
import type { StoreReader, StoreWriter } from '../types';
import { toAuditRow, toDevice, toRecord } from './rows';
import type { DB } from './schema';

const cols = ['entity', 'id', 'version', 'deleted', 'value'] as const;

/**
 * Everything transaction.ts keeps state for (versions, the audit tail, savepoints, the buffered
 * writes) is there, and the hot reads are statements.ts's named statements.
 */
type Elsewhere =
  | 'nextVersion'
  | 'reserveVersions'
  | 'savepoint'
  | 'lastAudit'
  | 'head'
  | 'getRecord'
  | 'getClient'
  | 'getDeviceByTokenHash'
  | 'putRecords'
  | 'putRecordsUnaudited'
  | 'setClient'
  | 'appendAudit';

/**
 * The store's rarer queries over one Kysely handle: the pool outside a transaction, its connection
 * inside. Those the SQLite store runs alike come from common/queries.ts; PostgreSQL's own are here.
 */
export function makeQueries(db: Kysely<DB>): Omit<StoreWriter, Elsewhere> & Pick<StoreReader, 'lastAudit'> {
  const retainedFrom = async () => (await db.selectFrom('meta').select('value').where('key', '=', 'retainedFrom').executeTakeFirst())?.value ?? 0;
  return {
    ...commonQueries(commonHandle(db)),
    async byRef(entity, ref) {
      // The entity is a parameter, planned with its value, so the partial ref index applies.
      const rows = await db.selectFrom('records').select(cols).where('entity', '=', entity).where('ref', '=', ref).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async listRecords(entity) {
      const rows = await db.selectFrom('records').select(cols).where('entity', '=', entity).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async getDevice(id) {
      const r = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDevice(r) : undefined;
    },
    async listDevices() {
      return (await db.selectFrom('devices').selectAll().orderBy('created_at').orderBy('id').execute()).map(toDevice);
    },
    retainedFrom,
    // Inside a transaction, which holds the head row: no writer revives a tombstone meanwhile.
    async purgeTombstones(updatedBefore) {
      const r = await sql<{ purged: number; top: number | null }>`
        WITH gone AS (DELETE FROM records WHERE deleted AND updated_at < ${updatedBefore} RETURNING version)
        SELECT count(*)::int AS purged, max(version) AS top FROM gone`.execute(db);
      const { purged, top } = r.rows[0]!;
      if (top !== null) {
        await sql`INSERT INTO meta (key, value) VALUES ('retainedFrom', ${top})
          ON CONFLICT (key) DO UPDATE SET value = GREATEST(meta.value, excluded.value)`.execute(db);
      }
      return { purged, retainedFrom: await retainedFrom() };
    },
    async lastAudit() {
      const r = await db.selectFrom('audit').select(['seq', 'prev_hash', 'hash', 'entry']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return r ? toAuditRow(r) : undefined;
    },
    async insertDevice(d) {
      await db
        .insertInto('devices')
        .values({
          id: d.id,
          name: d.name,
          station_ids: JSON.stringify(d.stationIds),
          token_hash: d.tokenHash,
          revoked: d.revoked,
          enrolled_at: d.enrolledAt,
          created_at: d.createdAt,
        })
        .execute();
    },
    async updateDevice(id, patch) {
      const set: Partial<DB['devices']> = {};
      if (patch.tokenHash !== undefined) set.token_hash = patch.tokenHash;
      if (patch.revoked !== undefined) set.revoked = patch.revoked;
      if (patch.enrolledAt !== undefined) set.enrolled_at = patch.enrolledAt;
      if (patch.report !== undefined) {
        set.last_seen_at = patch.report.lastSeenAt;
        set.app_version = patch.report.appVersion;
        set.outbox_count = patch.report.outboxCount;
        set.refused_since = patch.report.refusedSince;
      }
      if (Object.keys(set).length) await db.updateTable('devices').set(set).where('id', '=', id).execute();
    },
    // One upsert: its row lock holds until COMMIT, so concurrent attempts on one key count one
    // after another (X2) across every instance on the database.
    async bumpAuthLimit(key, delta, nowMs, forgetBefore) {
      const stale = sql<boolean>`auth_limits.updated_at < ${forgetBefore}`;
      const r = await db
        .insertInto('auth_limits')
        .values({ key, failures: Math.max(0, delta), blocked_until: 0, updated_at: nowMs })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`GREATEST(0, CASE WHEN ${stale} THEN 0 ELSE auth_limits.failures END + ${delta})`,
            blocked_until: sql<number>`CASE WHEN ${stale} THEN 0 ELSE auth_limits.blocked_until END`,
            updated_at: nowMs,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return { key: r.key, failures: r.failures, blockedUntil: Number(r.blocked_until), updatedAt: Number(r.updated_at) };
    },
  };
}
