import type { Kysely } from 'kysely';

/**
 * Drops `sign_in_failures`, the per-username lock that 005's per-address and per-account limits
 * (`auth_limits`, X2) replaced: nothing has read or written it since, and a table kept "unused"
 * still has to be carried by backups and the move to PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
}
