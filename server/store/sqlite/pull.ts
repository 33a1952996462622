import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { AuditRow, PullQuery, StoredRecord } from '../types';
import { auditToRecord, toRecord, type AuditRecordRow } from './rows';
import type { DB } from './schema';

function scopeFilter(eb: ExpressionBuilder<DB, 'records'>, scopes: string[]): Expression<SqlBool> {
  return eb.or(scopes.map((s) => eb(sql<number>`instr(scopes, ${`|${s}|`})`, '>', 0)));
}

const cols = ['entity', 'id', 'version', 'deleted', 'value'] as const;
const auditCols = ['id', 'hash', 'entry', 'version', 'updated_at'] as const;

/** `audit` records (the chain's links, migration 003) go to the coordinator's scope only (scopesOf). */
const seesAudit = (scopes: string[] | 'all') => scopes === 'all' || scopes.includes('coordinator');

const before = (a: StoredRecord, b: StoredRecord) =>
  a.version !== b.version ? a.version < b.version : a.entity !== b.entity ? a.entity < b.entity : a.id < b.id;

/** Two lists in pull order (version, entity, id) as one, cut at `limit`. */
function mergeByVersion(a: StoredRecord[], b: StoredRecord[], limit: number): StoredRecord[] {
  if (b.length === 0) return a;
  const out: StoredRecord[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && before(a[i]!, b[j]!))) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** The store's pull-side reads (records and the chain's `audit` records), through Kysely. */
export function pullQueries(db: Kysely<DB>) {
  return {
    async pull({ after, upTo, scopes, limit }: PullQuery): Promise<StoredRecord[]> {
      let q = db.selectFrom('records').select(cols).where('version', '>', after).where('version', '<=', upTo);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      const rows = (await q.orderBy('version').orderBy('entity').orderBy('id').limit(limit).execute()).map(toRecord);
      if (!seesAudit(scopes)) return rows;
      const audit = await db
        .selectFrom('audit')
        .select(auditCols)
        .where('version', '>', after)
        .where('version', '<=', upTo)
        .orderBy('version')
        .limit(limit)
        .execute();
      return mergeByVersion(rows, (audit as AuditRecordRow[]).map(auditToRecord), limit);
    },
    async pullVersion(version: number, scopes: string[] | 'all'): Promise<StoredRecord[]> {
      let q = db.selectFrom('records').select(cols).where('version', '=', version);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      const rows = (await q.orderBy('entity').orderBy('id').execute()).map(toRecord);
      if (!seesAudit(scopes)) return rows;
      const audit = await db.selectFrom('audit').select(auditCols).where('version', '=', version).execute();
      return mergeByVersion(rows, (audit as AuditRecordRow[]).map(auditToRecord), Number.MAX_SAFE_INTEGER);
    },
    async countPull(upTo: number, scopes: string[] | 'all'): Promise<number> {
      let q = db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version', '>', 0)
        .where('version', '<=', upTo);
      if (scopes !== 'all') q = q.where((eb) => scopeFilter(eb, scopes));
      const records = Number((await q.executeTakeFirstOrThrow()).n);
      if (!seesAudit(scopes)) return records;
      const audit = await db
        .selectFrom('audit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version', '>', 0)
        .where('version', '<=', upTo)
        .executeTakeFirstOrThrow();
      return records + Number(audit.n);
    },
    async auditEntries(afterSeq: number, limit: number): Promise<AuditRow[]> {
      const rows = await db.selectFrom('audit').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((r) => ({ seq: r.seq, prevHash: r.prev_hash, hash: r.hash, entry: r.entry }));
    },
  };
}
