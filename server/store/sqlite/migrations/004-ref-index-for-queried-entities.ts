import { sql, type Kysely } from 'kysely';

/**
 * Ref indexes only for the entities the server looks up by ref (`Tx.byRef` in shared/domain:
 * holds and operations of a work order, reason codes of a kind). Every quantity report, note and
 * acknowledgement also wrote an entry there, at a random page (by operation id), that nothing on
 * the server reads: about 5 KB of the WAL a report, more than a third of its row's writes. Other
 * entities' refs stay in the column; `byRef` on them scans that entity (see fast.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX records_ref`.execute(db);
  // One partial index per entity: SQLite uses a partial index only when the query's WHERE repeats
  // its condition, and it does not see that \`entity = 'holds'\` implies an IN list.
  for (const entity of ['operations', 'holds', 'reasonCodes']) {
    await sql.raw(`CREATE INDEX records_ref_${entity} ON records (ref, id) WHERE entity = '${entity}'`).execute(db);
  }
}
