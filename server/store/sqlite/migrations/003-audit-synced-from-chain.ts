import { sql, type Kysely } from 'kysely';

/**
 * The console's `audit` records are served from the chain table itself instead of a second copy
 * in `records`. Each entry (with its before/after images, the largest row a mutation writes) was
 * stored twice, and its copy in `records` cost four B-tree inserts on every push: about a tenth
 * of a mutation's server time. The chain row now also carries what a synced record needs: its id
 * (`clientId:mutationId`), its change sequence and its server time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit ADD COLUMN id TEXT`.execute(db);
  await sql`ALTER TABLE audit ADD COLUMN version INTEGER`.execute(db);
  await sql`ALTER TABLE audit ADD COLUMN updated_at TEXT`.execute(db);
  await sql`
    UPDATE audit SET id = r.id, version = r.version, updated_at = r.updated_at
    FROM records AS r WHERE r.entity = 'audit' AND r.id = json_extract(audit.entry, '$.id')`.execute(db);
  await sql`DELETE FROM records WHERE entity = 'audit'`.execute(db);
  await sql`CREATE UNIQUE INDEX audit_id ON audit (id)`.execute(db);
  await sql`CREATE INDEX audit_version ON audit (version)`.execute(db);
}
