import type { CommonDB } from '../common/schema';

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

/** The tables both stores share, and SQLite's `records` and `devices` (booleans as 0/1). */
export interface DB extends CommonDB {
  records: RecordsTable;
  devices: {
    id: string;
    name: string;
    station_ids: string;
    token_hash: string | null;
    revoked: number;
    enrolled_at: string | null;
    created_at: string;
    last_seen_at: string | null;
    app_version: string | null;
    outbox_count: number | null;
    refused_since: string | null;
  };
}
