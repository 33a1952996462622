import type { CommonDB } from '../common/schema';

/** Kysely's view of the PostgreSQL tables (see migrations/001-initial.ts); int8 is read as a number. */
export interface DB extends CommonDB {
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
  devices: {
    id: string;
    name: string;
    station_ids: string;
    token_hash: string | null;
    revoked: boolean;
    enrolled_at: string | null;
    created_at: string;
    last_seen_at: string | null;
    app_version: string | null;
    outbox_count: number | null;
    refused_since: string | null;
  };
}
