import type { Kysely } from 'kysely';

/**
 * Rate-limit counters for password sign-in and enrollment (X2), one row a key
 * (`sign-in:address:…`, `sign-in:account:…`, `sign-in:pair:…`, `enroll:address:…`). They live in
 * the database, not in memory, so several server instances on one PostgreSQL share them (D3).
 * `sign_in_failures` (one lock per username) is left in place, unused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}
