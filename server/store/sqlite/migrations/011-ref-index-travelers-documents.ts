import { sql, type Kysely } from 'kysely';

/**
 * Ref indexes for the three entities the domain now looks up by ref (T1, T2): a work order's
 * travelers (its released revision, on every start and completion that names one) and a
 * document's revisions by number (releasing one supersedes the other); and an operation's quantity
 * reports, which a correction or an undo reads (C1).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const entity of ['travelers', 'documents', 'quantityReports']) {
    await sql.raw(`CREATE INDEX records_ref_${entity} ON records (ref, id) WHERE entity = '${entity}'`).execute(db);
  }
}
