import { sql, type Kysely } from 'kysely';

const text = sql`text COLLATE "C"`;

/**
 * PostgreSQL's twin of SQLite's 005 (auth_limits, X2), 007 (the sessions' idle clock, A3) and 008
 * (PIN proof keys, A2). SQLite's 006 (the chain refuses UPDATE) is in PostgreSQL's 001 already.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_limits')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // A session from before the idle clock gets its sign-in time (expiry minus the 12 h absolute limit).
  await sql`ALTER TABLE sessions ADD COLUMN last_used_at bigint NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE sessions SET last_used_at = expires_at - 43200000`.execute(db);
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema
    .createTable('pin_proof_keys')
    .addColumn('user_id', text, (c) => c.primaryKey())
    .addColumn('proof_key', 'text', (c) => c.notNull())
    .execute();
}
