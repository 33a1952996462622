import { sql, type Kysely } from 'kysely';

/**
 * A4: the chain table refuses UPDATE as it already refused DELETE (001), so an edit made through
 * SQL by mistake (a DB browser, a repair script) fails instead of silently breaking a link. It is
 * a guard, not a lock: whoever holds the file can drop the triggers; the chain, the published head
 * and the state verify are what detect that (docs/audit.md). Any later migration that must rewrite
 * audit rows drops this trigger and creates it again in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(db);
}
