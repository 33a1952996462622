import { sql, type Kysely } from 'kysely';

/**
 * PostgreSQL's twin of SQLite's 011 (ref indexes for travelers, documents and quantity reports, T1, T2, C1), and the
 * `blobs` table of the database blob store (T2): several instances share the documents' files
 * without a shared disk. A blob is written once and never changed, addressed by its sha256.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const entity of ['travelers', 'documents', 'quantityReports']) {
    await sql.raw(`CREATE INDEX records_ref_${entity} ON records (ref, id) WHERE entity = '${entity}'`).execute(db);
  }
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
