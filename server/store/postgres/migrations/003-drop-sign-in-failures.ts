import type { Kysely } from 'kysely';

/** PostgreSQL's twin of SQLite's 009: drops `sign_in_failures`, unused since `auth_limits` (002, X2) replaced it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
}
