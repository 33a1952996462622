/** Kysely's view of the SQLite tables (see migrations/001-initial.ts). */
export interface RecordsTable {
  entity: string;
  id: string;
  version: number;
  updated_at: string;
  deleted: number;
  /** `|a|b|`: each scope between bars, so `instr(scopes, '|a|')` finds it. */
  scopes: string;
  ref: string | null;
  value: string;
}

export interface DB {
  meta: { key: string; value: number };
  migrations: { id: number; name: string; applied_at: string };
  records: RecordsTable;
  clients: { client_id: string; owner: string; last_mutation_id: number };
  devices: {
    id: string;
    name: string;
    station_ids: string;
    token_hash: string | null;
    revoked: number;
    enrolled_at: string | null;
    created_at: string;
  };
  enrollment_codes: { code_hash: string; device_id: string; expires_at: number; used_at: string | null };
  console_users: { user_id: string; username: string; password_hash: string };
  sessions: { token_hash: string; user_id: string; expires_at: number; last_used_at: number };
  /** Rate-limit counters (X2), see migrations/005-auth-limits.ts. */
  auth_limits: { key: string; failures: number; blocked_until: number; updated_at: number };
  pin_proof_keys: { user_id: string; proof_key: string };
  /** The hash chain (A4); `id`, `version`, `updated_at` make each link the console's `audit` record. */
  audit: { seq: number; prev_hash: string; hash: string; entry: string; id: string | null; version: number | null; updated_at: string | null };
}
