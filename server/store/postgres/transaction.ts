import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditRow, Store, StoreWriter } from '../types';
import { makeQueries } from './queries';
import type { DB } from './schema';

/**
 * `Store.transaction` on PostgreSQL. Sequence values commit out of order, so the change sequence
 * is the `meta` head row instead: every write transaction takes it FOR UPDATE as its first
 * statement and holds it until COMMIT (the role of SQLite's BEGIN IMMEDIATE). That serialises
 * the writers of all instances on one database, which gives:
 * - versions gap-free in commit order (S6): the next writer reads the head only after the one
 *   before it has committed, so a pull that reads the head never passes a version still open;
 * - reads inside a transaction that stay true until it commits (READ COMMITTED sees every commit
 *   made before the lock was granted): the client's lastMutationId read before the first version
 *   is allocated (S2, S3), the audit chain's tail (A4), the records a mutator decides on.
 * Within the transaction the head is counted in memory and written back once before COMMIT.
 */
export function transactions(db: Kysely<DB>): Store['transaction'] {
  // One transaction at a time per instance: the others would only hold pool connections while
  // they wait for the head row, and reads need those connections.
  let tail: Promise<unknown> = Promise.resolve();

  const run = <T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx: Transaction<DB>) => {
      const locked = await sql<{ value: number }>`SELECT value FROM meta WHERE key = 'head' FOR UPDATE`.execute(trx);
      const committed = locked.rows[0]!.value;
      let head = committed;
      // The chain's tail, read once per transaction (no other writer can append while we hold the head).
      let auditTail: AuditRow | undefined | null = null;
      const q = makeQueries(trx);
      const allocate = (count: number) => {
        const first = head + 1;
        head += count;
        return first;
      };
      const tx: StoreWriter = {
        ...q,
        head: async () => head,
        nextVersion: async () => allocate(1),
        reserveVersions: async (count) => allocate(count),
        async lastAudit() {
          if (auditTail === null) auditTail = await q.lastAudit();
          return auditTail;
        },
        async appendAudit(row) {
          await q.appendAudit(row);
          auditTail = row;
        },
        async savepoint(fn) {
          // One name for every level: ROLLBACK TO and RELEASE act on the innermost savepoint of it.
          await sql`SAVEPOINT mutation`.execute(trx);
          const before = { head, auditTail };
          try {
            const out = await fn();
            await sql`RELEASE SAVEPOINT mutation`.execute(trx);
            return out;
          } catch (err) {
            await sql`ROLLBACK TO SAVEPOINT mutation`.execute(trx);
            await sql`RELEASE SAVEPOINT mutation`.execute(trx);
            ({ head, auditTail } = before);
            throw err;
          }
        },
      };
      const out = await fn(tx);
      if (head !== committed) await sql`UPDATE meta SET value = ${head} WHERE key = 'head'`.execute(trx);
      return out;
    });

  return (fn) => {
    const p = tail.then(() => run(fn));
    tail = p.catch(() => undefined);
    return p;
  };
}
