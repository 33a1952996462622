import { sql, type Kysely } from 'kysely';
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
  | 'setClient'
  | 'appendAudit';

/** The store's rarer queries over one Kysely handle: the pool outside a transaction, its connection inside. */
export function makeQueries(db: Kysely<DB>): Omit<StoreWriter, Elsewhere> & Pick<StoreReader, 'lastAudit'> {
  const retainedFrom = async () => (await db.selectFrom('meta').select('value').where('key', '=', 'retainedFrom').executeTakeFirst())?.value ?? 0;
  return {
    async byRef(entity, ref) {
      // The entity is a parameter, planned with its value, so the partial ref index applies.
      const rows = await db.selectFrom('records').select(cols).where('entity', '=', entity).where('ref', '=', ref).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async listRecords(entity) {
      const rows = await db.selectFrom('records').select(cols).where('entity', '=', entity).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async countRecords(entity) {
      // `audit` records are the links of the chain, counted there; the `system` links of seeding
      // sit at version 0, are never pulled, and are not synced records.
      const audit = async () =>
        (
          await db
            .selectFrom('audit')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('version', '>', 0)
            .executeTakeFirstOrThrow()
        ).n;
      if (entity === 'audit') return audit();
      let q = db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n'));
      if (entity) q = q.where('entity', '=', entity);
      const n = (await q.executeTakeFirstOrThrow()).n;
      return entity ? n : n + (await audit());
    },
    async getDevice(id) {
      const r = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDevice(r) : undefined;
    },
    async listDevices() {
      return (await db.selectFrom('devices').selectAll().orderBy('created_at').orderBy('id').execute()).map(toDevice);
    },
    async getConsoleUser(username) {
      const r = await db.selectFrom('console_users').selectAll().where('username', '=', username).executeTakeFirst();
      return r ? { userId: r.user_id, username: r.username, passwordHash: r.password_hash } : undefined;
    },
    async countConsoleUsers() {
      return (
        await db
          .selectFrom('console_users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    },
    async getSession(tokenHash) {
      const r = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r ? { tokenHash: r.token_hash, userId: r.user_id, expiresAt: r.expires_at, lastUsedAt: r.last_used_at } : undefined;
    },
    async getConsoleUserById(userId) {
      const r = await db.selectFrom('console_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return r ? { userId: r.user_id, username: r.username, passwordHash: r.password_hash } : undefined;
    },
    async listConsoleUsers() {
      const rows = await db.selectFrom('console_users').select(['user_id', 'username']).orderBy('username').execute();
      return rows.map((r) => ({ userId: r.user_id, username: r.username }));
    },
    async getProofKey(userId) {
      const r = await db.selectFrom('pin_proof_keys').select('proof_key').where('user_id', '=', userId).executeTakeFirst();
      return r?.proof_key;
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
      if (Object.keys(set).length) await db.updateTable('devices').set(set).where('id', '=', id).execute();
    },
    async insertEnrollmentCode(codeHash, deviceId, expiresAt) {
      await db.insertInto('enrollment_codes').values({ code_hash: codeHash, device_id: deviceId, expires_at: expiresAt, used_at: null }).execute();
    },
    async useEnrollmentCode(codeHash, nowMs, usedAt) {
      const r = await db
        .updateTable('enrollment_codes')
        .set({ used_at: usedAt })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowMs)
        .returning('device_id')
        .executeTakeFirst();
      return r?.device_id;
    },
    async upsertConsoleUser(u) {
      await db
        .insertInto('console_users')
        .values({ user_id: u.userId, username: u.username, password_hash: u.passwordHash })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ username: u.username, password_hash: u.passwordHash }))
        .execute();
    },
    async insertSession(s) {
      await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt, last_used_at: s.lastUsedAt }).execute();
    },
    async touchSession(tokenHash, lastUsedAt) {
      await db.updateTable('sessions').set({ last_used_at: lastUsedAt }).where('token_hash', '=', tokenHash).execute();
    },
    async deleteUserSessions(userId, keepTokenHash) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepTokenHash !== undefined) q = q.where('token_hash', '!=', keepTokenHash);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    async purgeSessions(nowMs, idleCutoffMs) {
      const r = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', nowMs), eb('last_used_at', '<=', idleCutoffMs)]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
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
    async blockAuthLimit(key, blockedUntil) {
      await db.updateTable('auth_limits').set({ blocked_until: blockedUntil }).where('key', '=', key).execute();
    },
    async deleteAuthLimit(key) {
      await db.deleteFrom('auth_limits').where('key', '=', key).execute();
    },
    async setProofKey(userId, key) {
      if (key === null) {
        await db.deleteFrom('pin_proof_keys').where('user_id', '=', userId).execute();
        return;
      }
      await db
        .insertInto('pin_proof_keys')
        .values({ user_id: userId, proof_key: key })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ proof_key: key }))
        .execute();
    },
  };
}
