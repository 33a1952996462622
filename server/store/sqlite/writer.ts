import type { Kysely } from 'kysely';
import type { EntityName } from '../../../shared/schema';
import type { DeviceRow, StoredRecord, StoreWriter } from '../types';
import type { DB } from './schema';

type Row = { entity: string; id: string; version: number; deleted: number; value: string };
export const toRecord = (r: Row): StoredRecord => ({
  entity: r.entity as EntityName,
  id: r.id,
  version: r.version,
  deleted: r.deleted === 1,
  value: r.value,
});

/**
 * The console's `audit` record for a link of the chain: the entry as hashed, then its hash and
 * stamps, spliced as text (the entry is JSON of an object, so it ends in `}`).
 */
export const auditRecordJson = (entry: string, hash: string, version: number, updatedAt: string): string =>
  `${entry.slice(0, -1)},"hash":"${hash}","version":${version},"updatedAt":${JSON.stringify(updatedAt)}}`;

/** A chain row with a version (filtered on it), so written by a mutation since migration 003. */
export type AuditRecordRow = { id: string; hash: string; entry: string; version: number; updated_at: string };
export const auditToRecord = (r: AuditRecordRow): StoredRecord => ({
  entity: 'audit',
  id: r.id,
  version: r.version,
  deleted: false,
  value: auditRecordJson(r.entry, r.hash, r.version, r.updated_at),
});

export const toDevice = (r: DB['devices']): DeviceRow => ({
  id: r.id,
  name: r.name,
  stationIds: JSON.parse(r.station_ids) as string[],
  tokenHash: r.token_hash,
  revoked: r.revoked === 1,
  enrolledAt: r.enrolled_at,
  createdAt: r.created_at,
});

/** Scopes are stored between bars so one `instr` finds a scope without a join. */
export const encodeScopes = (scopes: string[]): string => `|${scopes.join('|')}|`;

// 9 bound values a row; SQLite allows 32766 since 3.32, so 500 rows a statement stays well inside.
const INSERT_CHUNK = 500;

/** Every query of the store over one Kysely handle: the database or an open transaction. */
export function makeWriter(db: Kysely<DB>): Omit<StoreWriter, 'savepoint'> {
  const recordCols = ['entity', 'id', 'version', 'deleted', 'value'] as const;
  return {
    async getRecord(entity, id) {
      const r = await db.selectFrom('records').select(recordCols).where('entity', '=', entity).where('id', '=', id).executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },
    async byRef(entity, ref) {
      const rows = await db.selectFrom('records').select(recordCols).where('entity', '=', entity).where('ref', '=', ref).orderBy('id').execute();
      return rows.map(toRecord);
    },
    async countRecords(entity) {
      // `audit` records are the links of the chain (migration 003), counted there.
      const audit = async () =>
        Number((await db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'is not', null).executeTakeFirstOrThrow()).n);
      if (entity === 'audit') return audit();
      let q = db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n'));
      if (entity) q = q.where('entity', '=', entity);
      const n = Number((await q.executeTakeFirstOrThrow()).n);
      return entity ? n : n + (await audit());
    },
    async head() {
      const r = await db.selectFrom('meta').select('value').where('key', '=', 'head').executeTakeFirst();
      return r?.value ?? 0;
    },
    async getClient(clientId) {
      const r = await db.selectFrom('clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      return r ? { clientId: r.client_id, owner: r.owner, lastMutationId: r.last_mutation_id } : undefined;
    },
    async getDevice(id) {
      const r = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDevice(r) : undefined;
    },
    async getDeviceByTokenHash(tokenHash) {
      const r = await db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
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
      const r = await db.selectFrom('console_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async getSession(tokenHash) {
      const r = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r ? { tokenHash: r.token_hash, userId: r.user_id, expiresAt: r.expires_at } : undefined;
    },
    async getSignInFailure(username) {
      const r = await db.selectFrom('sign_in_failures').selectAll().where('username', '=', username).executeTakeFirst();
      return r ? { username: r.username, count: r.count, lockedUntil: r.locked_until } : undefined;
    },
    async lastAudit() {
      const r = await db.selectFrom('audit').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return r ? { seq: r.seq, prevHash: r.prev_hash, hash: r.hash, entry: r.entry } : undefined;
    },

    async nextVersion() {
      const r = await db
        .updateTable('meta')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('key', '=', 'head')
        .returning('value')
        .executeTakeFirstOrThrow();
      return r.value;
    },
    async reserveVersions(count) {
      const r = await db
        .updateTable('meta')
        .set((eb) => ({ value: eb('value', '+', count) }))
        .where('key', '=', 'head')
        .returning('value')
        .executeTakeFirstOrThrow();
      return r.value - count + 1;
    },
    async putRecords(rows) {
      if (rows.some((r) => r.entity === 'audit')) throw new Error('audit records are links of the chain: appendAudit writes them');
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          entity: r.entity,
          id: r.id,
          version: r.version,
          updated_at: r.updatedAt,
          deleted: r.deleted ? 1 : 0,
          scopes: encodeScopes(r.scopes),
          ref: r.ref,
          value: r.value,
        }));
        await db
          .insertInto('records')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['entity', 'id']).doUpdateSet((eb) => ({
              version: eb.ref('excluded.version'),
              updated_at: eb.ref('excluded.updated_at'),
              deleted: eb.ref('excluded.deleted'),
              scopes: eb.ref('excluded.scopes'),
              ref: eb.ref('excluded.ref'),
              value: eb.ref('excluded.value'),
            })),
          )
          .execute();
      }
    },
    async setClient(row) {
      await db
        .insertInto('clients')
        .values({ client_id: row.clientId, owner: row.owner, last_mutation_id: row.lastMutationId })
        .onConflict((oc) => oc.column('client_id').doUpdateSet({ owner: row.owner, last_mutation_id: row.lastMutationId }))
        .execute();
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
      await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt }).execute();
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async setSignInFailure(f) {
      await db
        .insertInto('sign_in_failures')
        .values({ username: f.username, count: f.count, locked_until: f.lockedUntil })
        .onConflict((oc) => oc.column('username').doUpdateSet({ count: f.count, locked_until: f.lockedUntil }))
        .execute();
    },
    async clearSignInFailure(username) {
      await db.deleteFrom('sign_in_failures').where('username', '=', username).execute();
    },
    async appendAudit(a) {
      await db
        .insertInto('audit')
        .values({ seq: a.seq, prev_hash: a.prevHash, hash: a.hash, entry: a.entry, id: a.id, version: a.version, updated_at: a.updatedAt })
        .execute();
    },
  };
}
