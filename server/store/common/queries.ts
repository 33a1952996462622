import type { Kysely } from 'kysely';
import type { StoreWriter } from '../types';
import type { CommonDB } from './schema';

/** What both stores answer with the same SQL and read back the same way. */
export type CommonQueries = Pick<
  StoreWriter,
  | 'countRecords'
  | 'getConsoleUser'
  | 'countConsoleUsers'
  | 'getSession'
  | 'getConsoleUserById'
  | 'listConsoleUsers'
  | 'getProofKey'
  | 'insertEnrollmentCode'
  | 'useEnrollmentCode'
  | 'dropEnrollmentCodes'
  | 'upsertConsoleUser'
  | 'insertSession'
  | 'deleteSession'
  | 'touchSession'
  | 'deleteUserSessions'
  | 'purgeSessions'
  | 'blockAuthLimit'
  | 'deleteAuthLimit'
  | 'setProofKey'
>;

/** The rare queries (users, sessions, sign-ins, counts) both stores run over one Kysely handle. */
export function commonQueries(db: Kysely<CommonDB>): CommonQueries {
  return {
    async countRecords(entity) {
      // `audit` records are the links of the chain (migration 003 on SQLite), counted there; the
      // `system` links of seeding sit at version 0, are never pulled, and are not synced records.
      const audit = async () =>
        Number(
          (
            await db
              .selectFrom('audit')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('version', '>', 0)
              .executeTakeFirstOrThrow()
          ).n,
        );
      if (entity === 'audit') return audit();
      let q = db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n'));
      if (entity) q = q.where('entity', '=', entity);
      const n = Number((await q.executeTakeFirstOrThrow()).n);
      return entity ? n : n + (await audit());
    },
    async getConsoleUser(username) {
      const r = await db.selectFrom('console_users').selectAll().where('username', '=', username).executeTakeFirst();
      return r ? { userId: r.user_id, username: r.username, passwordHash: r.password_hash } : undefined;
    },
    async countConsoleUsers() {
      const r = await db
        .selectFrom('console_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
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
    async dropEnrollmentCodes(deviceId) {
      await db.deleteFrom('enrollment_codes').where('device_id', '=', deviceId).where('used_at', 'is', null).execute();
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
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
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
