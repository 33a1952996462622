/** Kysely's view of the PostgreSQL tables (see migrations/001-initial.ts); int8 is read as a number. */
export interface DB {
  meta: { key: string; value: number };
  migrations: { id: number; name: string; applied_at: string };
  records: {
    entity: string;
    id: string;
    version: number;
    updated_at: string;
    deleted: boolean;
    /** Who receives it (S6); a pull keeps the rows whose scopes overlap the client's (`&&`). */
    scopes: string[];
    ref: string | null;
    value: string;
  };
  clients: { client_id: string; owner: string; last_mutation_id: number };
  devices: {
    id: string;
    name: string;
    station_ids: string;
    token_hash: string | null;
    revoked: boolean;
    enrolled_at: string | null;
    created_at: string;
  };
  enrollment_codes: { code_hash: string; device_id: string; expires_at: number; used_at: string | null };
  console_users: { user_id: string; username: string; password_hash: string };
  sessions: { token_hash: string; user_id: string; expires_at: number; last_used_at: number };
  /** Rate-limit counters (X2), migration 002. */
  auth_limits: { key: string; failures: number; blocked_until: number; updated_at: number };
  /** Each user's PIN proof key (A2), never a synced record. */
  pin_proof_keys: { user_id: string; proof_key: string };
  /** The hash chain (A4); `id`, `version`, `updated_at` make each link the console's `audit` record. */
  audit: { seq: number; prev_hash: string; hash: string; entry: string; id: string | null; version: number | null; updated_at: string | null };
}
