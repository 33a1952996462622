import { sql, type Kysely } from 'kysely';

/**
 * Text compares byte by byte, as in SQLite: pulls and `byRef` order by entity and id, and the
 * order must not depend on the server's locale.
 */
const text = sql`text COLLATE "C"`;

/**
 * The schema SQLite reaches with its migrations 001–004: synced records (with the ordered
 * indexes of 002 and the ref indexes of 004), the change sequence, clients, devices, auth, and the
 * audit chain that also serves the console's `audit` records (003).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('meta').values({ key: 'head', value: 0 }).execute();

  await db.schema
    .createTable('records')
    .addColumn('entity', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('ref', text)
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('records_pk', ['entity', 'id'])
    .execute();
  await db.schema.createIndex('records_version').on('records').columns(['version', 'entity', 'id']).execute();
  // Only for the entities the server looks up by ref (REF_INDEXED_ENTITIES, see SQLite's 004).
  for (const entity of ['operations', 'holds', 'reasonCodes']) {
    await sql.raw(`CREATE INDEX records_ref_${entity} ON records (ref, id) WHERE entity = '${entity}'`).execute(db);
  }

  await db.schema
    .createTable('clients')
    .addColumn('client_id', text, (c) => c.primaryKey())
    .addColumn('owner', text, (c) => c.notNull())
    .addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('station_ids', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.unique())
    .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('enrolled_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('code_hash', text, (c) => c.primaryKey())
    .addColumn('device_id', text, (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', text)
    .execute();

  await db.schema
    .createTable('console_users')
    .addColumn('user_id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('password_hash', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('username', text, (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('id', text, (c) => c.unique())
    .addColumn('version', 'bigint')
    .addColumn('updated_at', text)
    .execute();
  await db.schema.createIndex('audit_version').on('audit').column('version').execute();
  // A4: the audit table is append-only; the database refuses edits made through SQL by mistake.
  // (Its owner can drop the triggers; the hash chain is what detects that.)
  await sql`
    CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`.execute(db);
}
