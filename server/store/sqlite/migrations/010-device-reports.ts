import { sql, type Kysely } from 'kysely';

/**
 * What each tablet says of itself with its pushes and pulls (server/sync/device-report.ts): when it
 * was last seen, its app version, how many changes wait in its outbox, and since when its requests
 * have been refused. The console's devices table shows a tablet stuck from these.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE devices ADD COLUMN last_seen_at TEXT`.execute(db);
  await sql`ALTER TABLE devices ADD COLUMN app_version TEXT`.execute(db);
  await sql`ALTER TABLE devices ADD COLUMN outbox_count INTEGER`.execute(db);
  await sql`ALTER TABLE devices ADD COLUMN refused_since TEXT`.execute(db);
}
