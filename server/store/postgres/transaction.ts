import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { AuditRule } from '../audit-rule';
import type { AuditRow, Store, StoreWriter } from '../types';
import { TxBuffer } from './buffer';
import { makeQueries } from './queries';
import type { DB } from './schema';
import { statements } from './statements';

/** A savepoint level: where it began in the unsent writes, and whether SAVEPOINT was sent for it. */
interface Level {
  mark: number;
  sent: boolean;
}

/** Kysely over one checked-out client (its pool hands out that client and never releases it). */
const kyselyOf = new WeakMap<pg.PoolClient, Kysely<DB>>();
function kyselyFor(client: pg.PoolClient): Kysely<DB> {
  let db = kyselyOf.get(client);
  if (!db) {
    const held = { query: client.query.bind(client), release() {} };
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => {} } as unknown as PostgresPool }) });
    kyselyOf.set(client, db);
  }
  return db;
}

/**
 * `Store.transaction` on PostgreSQL. Sequence values commit out of order, so the change sequence
 * is the `meta` head row instead: every write transaction takes it FOR UPDATE with its BEGIN and
 * holds it until COMMIT (the role of SQLite's BEGIN IMMEDIATE). That serialises the writers of
 * all instances on one database, which gives:
 * - versions gap-free in commit order (S6): the next writer reads the head only after the one
 *   before it has committed, so a pull that reads the head never passes a version still open;
 * - reads inside a transaction that stay true until it commits (READ COMMITTED sees every commit
 *   made before the lock was granted): the client's lastMutationId read before the first version
 *   is allocated (S2, S3), the audit chain's tail (A4), the records a mutator decides on. So what
 *   was read once is answered again from memory (TxBuffer).
 * Round trips are what a push costs here, so the push's writes (records, audit links, clients)
 * are kept in memory and sent in one statement before COMMIT, with the head, for the whole group
 * commit; a savepoint costs nothing until a statement must run inside it. A write the database
 * refuses there fails the whole transaction instead of its mutation: bounds.ts refuses what the
 * databases would (NUL, lone surrogates) before a mutation writes, so that is a bug or a storage
 * failure, and every push of the group answers an error and is pushed again (S2).
 */
export function transactions(pool: pg.Pool): Store['transaction'] {
  // One transaction at a time per instance: the others would only hold pool connections while
  // they wait for the head row, and reads need those connections.
  let tail: Promise<unknown> = Promise.resolve();

  const run = async <T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const st = statements(client);
      const committed = await st.beginLocked();
      let head = committed;
      // The chain's tail, read once per transaction (no other writer can append while we hold the head).
      let auditTail: AuditRow | undefined | null = null;
      let flushed = false;
      const buf = new TxBuffer();
      const levels: Level[] = [];
      // A4: a unit that wrote records appended a link too (audit-rule.ts), counted as they are buffered.
      const rule = new AuditRule();
      let q: ReturnType<typeof makeQueries> | undefined;
      const queries = () => (q ??= makeQueries(kyselyFor(client)));

      const sendUpTo = async (count: number) => {
        if (count === 0) return;
        flushed = true;
        await st.flush(buf.take(count, head));
      };
      // Before any statement other than the buffered reads: every open savepoint is sent, each
      // after the writes made before it, then the rest, so a rollback still undoes exactly its part.
      const flush = async () => {
        for (const level of levels) {
          if (level.sent) continue;
          await sendUpTo(level.mark);
          for (const l of levels) if (!l.sent) l.mark -= level.mark;
          await client.query('SAVEPOINT mutation');
          level.sent = true;
        }
        await sendUpTo(buf.size);
        for (const l of levels) l.mark = 0;
      };
      const direct =
        <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          await flush();
          return f(...args);
        };
      const allocate = (count: number) => {
        const first = head + 1;
        head += count;
        return first;
      };

      const base = queries;
      const tx: StoreWriter = {
        getRecord: async (entity, id) => {
          const known = buf.record(entity, id);
          if (known.found) return known.row;
          const r = await st.getRecord(entity, id);
          buf.sawRecord(entity, id, r);
          return r;
        },
        byRef: async (entity, ref) => {
          if (buf.refsPending(entity)) await flush();
          const known = buf.refs(entity, ref);
          if (known) return known;
          const rows = await st.byRef(entity, ref);
          buf.sawRefs(entity, ref, rows);
          return rows;
        },
        getClient: async (clientId) => {
          const known = buf.client(clientId);
          if (known.found) return known.row;
          const r = await st.getClient(clientId);
          buf.sawClient(clientId, r);
          return r;
        },
        countRecords: direct((entity) => base().countRecords(entity)),
        listRecords: direct((entity) => base().listRecords(entity)),
        getDevice: direct((id) => base().getDevice(id)),
        getDeviceByTokenHash: direct((h) => st.getDeviceByTokenHash(h)),
        listDevices: direct(() => base().listDevices()),
        getConsoleUser: direct((u) => base().getConsoleUser(u)),
        countConsoleUsers: direct(() => base().countConsoleUsers()),
        getSession: direct((h) => base().getSession(h)),
        getProofKey: direct((u) => base().getProofKey(u)),
        getConsoleUserById: direct((u) => base().getConsoleUserById(u)),
        listConsoleUsers: direct(() => base().listConsoleUsers()),
        retainedFrom: direct(() => base().retainedFrom()),
        insertDevice: direct((d) => base().insertDevice(d)),
        updateDevice: direct((id, p) => base().updateDevice(id, p)),
        insertEnrollmentCode: direct((c, d, e) => base().insertEnrollmentCode(c, d, e)),
        useEnrollmentCode: direct((c, n, u) => base().useEnrollmentCode(c, n, u)),
        dropEnrollmentCodes: direct((d) => base().dropEnrollmentCodes(d)),
        upsertConsoleUser: direct((u) => base().upsertConsoleUser(u)),
        insertSession: direct((s) => base().insertSession(s)),
        deleteSession: direct((h) => base().deleteSession(h)),
        bumpAuthLimit: direct((k, d, n, f) => base().bumpAuthLimit(k, d, n, f)),
        blockAuthLimit: direct((k, b) => base().blockAuthLimit(k, b)),
        deleteAuthLimit: direct((k) => base().deleteAuthLimit(k)),
        setProofKey: direct((u, k) => base().setProofKey(u, k)),
        touchSession: direct((h, t) => base().touchSession(h, t)),
        deleteUserSessions: direct((u, k) => base().deleteUserSessions(u, k)),
        purgeSessions: direct((n, i) => base().purgeSessions(n, i)),
        purgeTombstones: direct(async (before) => {
          const out = await base().purgeTombstones(before);
          buf.forgetReads(); // it deleted records the buffer may have read
          return out;
        }),
        head: async () => head,
        nextVersion: async () => allocate(1),
        reserveVersions: async (count) => allocate(count),
        async lastAudit() {
          if (auditTail === null) auditTail = await st.lastAudit();
          return auditTail;
        },
        async putRecords(rows) {
          if (rows.some((r) => r.entity === 'audit')) throw new Error('audit records are links of the chain: appendAudit writes them');
          buf.putRecords(rows);
          rule.wrote(rows.length);
        },
        async putRecordsUnaudited(rows) {
          if (rows.some((r) => r.entity === 'audit')) throw new Error('audit records are links of the chain: appendAudit writes them');
          buf.putRecords(rows);
        },
        async setClient(row) {
          buf.setClient(row);
        },
        async appendAudit(row) {
          buf.appendAudit(row);
          rule.linked();
          auditTail = row;
        },
        async savepoint(fn) {
          const level: Level = { mark: buf.size, sent: false };
          levels.push(level);
          const before = { head, auditTail };
          const unit = rule.enter();
          try {
            const out = await fn();
            rule.checkSavepoint(unit);
            levels.pop();
            if (level.sent) await client.query('RELEASE SAVEPOINT mutation');
            rule.leave(unit, true);
            return out;
          } catch (err) {
            rule.leave(unit, false);
            if (levels.at(-1) === level) levels.pop();
            // One name for every level: ROLLBACK TO and RELEASE act on the innermost savepoint of it.
            if (level.sent) await client.query('ROLLBACK TO SAVEPOINT mutation; RELEASE SAVEPOINT mutation');
            buf.truncate(level.mark);
            ({ head, auditTail } = before);
            throw err;
          }
        },
      };
      const out = await fn(tx);
      rule.checkTransaction();
      if (buf.size > 0 || head !== committed || flushed) {
        flushed = true;
        await st.flush(buf.take(buf.size, head));
      }
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      throw err;
    } finally {
      // A connection that could not even roll back is dropped from the pool, not reused.
      client.release(broken);
    }
  };

  return (fn) => {
    const p = tail.then(() => run(fn));
    tail = p.catch(() => undefined);
    return p;
  };
}
