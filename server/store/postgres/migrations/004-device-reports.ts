import { sql, type Kysely } from 'kysely';

/** PostgreSQL's twin of SQLite's 010: each tablet's last report (seen, version, outbox, refused since). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE devices ADD COLUMN last_seen_at TEXT, ADD COLUMN app_version TEXT, ADD COLUMN outbox_count INTEGER, ADD COLUMN refused_since TEXT`.execute(
    db,
  );
}
