import { sql, type Kysely } from 'kysely';

/**
 * Sessions get an idle clock besides their absolute expiry (A3): `last_used_at`, moved on use at
 * most once a minute. Sessions from before it count as used when they began (their absolute
 * expiry less the 12 h they were given). The user index serves "end this user's other sessions"
 * when a password changes or a user is disabled.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE sessions SET last_used_at = expires_at - 43200000`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);
}
