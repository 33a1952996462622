import type { Kysely } from 'kysely';

/**
 * The tables both stores declare alike, column for column. `records` and `devices` differ (a
 * boolean is an integer on SQLite, scopes are an array on PostgreSQL), so each store's `DB`
 * declares those itself; `records` is here only for the shared queries to read `entity`.
 */
export interface CommonDB {
  meta: { key: string; value: number };
  migrations: { id: number; name: string; applied_at: string };
  records: { entity: string };
  clients: { client_id: string; owner: string; last_mutation_id: number };
  enrollment_codes: { code_hash: string; device_id: string; expires_at: number; used_at: string | null };
  console_users: { user_id: string; username: string; password_hash: string };
  sessions: { token_hash: string; user_id: string; expires_at: number; last_used_at: number };
  /** Rate-limit counters (X2). */
  auth_limits: { key: string; failures: number; blocked_until: number; updated_at: number };
  /** Each user's PIN proof key (A2), never a synced record. */
  pin_proof_keys: { user_id: string; proof_key: string };
  /** The hash chain (A4); `id`, `version`, `updated_at` make each link the console's `audit` record. */
  audit: { seq: number; prev_hash: string; hash: string; entry: string; id: string | null; version: number | null; updated_at: string | null };
}

/**
 * A store's handle as the shared queries see it. Its `DB` extends `CommonDB`, so each of those
 * queries is one it can run; Kysely's builders are invariant in the schema, so TypeScript would
 * not take the handle as it is.
 */
export const commonHandle = <D extends CommonDB>(db: Kysely<D>): Kysely<CommonDB> => db as unknown as Kysely<CommonDB>;
