import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AuditRow, PullQuery, StoredRecord } from '../types';
import { toAuditRow, toRecord, type RecordRow } from './rows';
import type { DB } from './schema';

/** `audit` records (the chain's links) go to the coordinator's scope only (scopesOf). */
const seesAudit = (scopes: string[] | 'all') => scopes === 'all' || scopes.includes('coordinator');

/** The chain's links as `audit` records, spliced as auditRecordJson does (audit-record.ts). */
const AUDIT_AS_RECORD = sql`
  SELECT 'audit' AS entity, id, version, false AS deleted,
    left(entry, -1) || ',"hash":"' || hash || '","version":' || version || ',"updatedAt":' || to_json(updated_at)::text || '}' AS value
  FROM audit`;

/** The records (and, for the coordinator, audit links) matching `where`, in pull order. */
async function select(db: Kysely<DB>, where: RawBuilder<unknown>, scopes: string[] | 'all', limit: RawBuilder<unknown>): Promise<StoredRecord[]> {
  const visible = scopes === 'all' ? sql`` : sql`AND scopes && ${scopes}::text[]`;
  const records = sql`(SELECT entity, id, version, deleted, value FROM records WHERE ${where} ${visible} ORDER BY version, entity, id ${limit})`;
  const q = seesAudit(scopes)
    ? sql<RecordRow>`SELECT * FROM (${records} UNION ALL (${AUDIT_AS_RECORD} WHERE ${where} ORDER BY version, id ${limit})) AS u ORDER BY version, entity, id ${limit}`
    : sql<RecordRow>`${records}`;
  return (await q.execute(db)).rows.map(toRecord);
}

/** The store's pull-side reads, one statement each. */
export function pullQueries(db: Kysely<DB>) {
  return {
    pull: ({ after, upTo, scopes, limit }: PullQuery): Promise<StoredRecord[]> =>
      select(db, sql`version > ${after} AND version <= ${upTo}`, scopes, sql`LIMIT ${limit}`),
    pullVersion: (version: number, scopes: string[] | 'all'): Promise<StoredRecord[]> => select(db, sql`version = ${version}`, scopes, sql``),
    async countPull(upTo: number, scopes: string[] | 'all'): Promise<number> {
      const visible = scopes === 'all' ? sql`` : sql`AND scopes && ${scopes}::text[]`;
      const audit = seesAudit(scopes) ? sql`(SELECT count(*) FROM audit WHERE version > 0 AND version <= ${upTo})` : sql`0`;
      const r = await sql<{
        n: string;
      }>`SELECT ((SELECT count(*) FROM records WHERE version > 0 AND version <= ${upTo} ${visible}) + ${audit})::text AS n`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async auditEntries(afterSeq: number, limit: number): Promise<AuditRow[]> {
      const rows = await db.selectFrom('audit').select(['seq', 'prev_hash', 'hash', 'entry']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(toAuditRow);
    },
  };
}
