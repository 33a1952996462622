import type { Kysely } from 'kysely';
import { AuditRule } from '../audit-rule';
import type { AuditRow, Store, StoreWriter } from '../types';
import type { Checkpointer } from './checkpointer';
import type { DeviceCache } from './device-cache';
import type { Lock } from './lock';
import type { DB } from './schema';
import type { Statements } from './statements';
import { makeWriter } from './writer';

interface Parts {
  db: Kysely<DB>;
  statements: Statements;
  lock: Lock;
  devices: DeviceCache;
  checkpointer?: Checkpointer;
}

/**
 * `Store.transaction` over one connection: BEGIN IMMEDIATE … COMMIT under the store's lock, the
 * change sequence counted in memory, savepoints, and the in-memory state they must keep honest.
 */
export function transactions({ db, statements: st, lock, devices, checkpointer }: Parts): Store['transaction'] {
  // The newest audit link, kept between transactions (null: unknown, read it). Dropped on every
  // rollback and whenever another connection has committed to the file.
  let auditTail: AuditRow | undefined | null = null;
  let dataVersion = -1;

  // The change sequence inside a transaction: read once, counted here, and written back once just
  // before COMMIT, instead of an UPDATE … RETURNING for every mutation. null: not read yet.
  // A4: a unit that wrote records appended a link too (audit-rule.ts), counted as they are written.
  const rule = new AuditRule();

  let txHead: number | null = null;
  let txHeadDirty = false;
  const allocate = (count: number): number => {
    if (txHead === null) txHead = st.head();
    const first = txHead + 1;
    txHead += count;
    txHeadDirty = true;
    return first;
  };

  // Rare queries (devices, sessions, sign-ins, counts) go through Kysely on the same connection:
  // inside `transaction` they run within its BEGIN … COMMIT. Everything else is below.
  const slow = makeWriter(db);
  const writer: StoreWriter = {
    ...slow,
    getRecord: async (entity, id) => st.getRecord(entity, id),
    byRef: async (entity, ref) => st.byRef(entity, ref),
    head: async () => txHead ?? st.head(),
    getClient: async (clientId) => st.getClient(clientId),
    getDeviceByTokenHash: async (tokenHash) => devices.byTokenHash(tokenHash),
    async insertDevice(row) {
      devices.clear();
      await slow.insertDevice(row);
    },
    async updateDevice(id, patch) {
      devices.clear();
      await slow.updateDevice(id, patch);
    },
    async lastAudit() {
      if (auditTail === null) auditTail = st.lastAudit();
      return auditTail;
    },
    nextVersion: async () => allocate(1),
    reserveVersions: async (count) => allocate(count),
    async putRecords(rows) {
      st.putRecords(rows);
      rule.wrote(rows.length);
    },
    putRecordsUnaudited: async (rows) => st.putRecords(rows),
    setClient: async (row) => st.setClient(row),
    retainedFrom: async () => st.retainedFrom(),
    purgeTombstones: async (updatedBefore) => st.purgeTombstones(updatedBefore),
    async appendAudit(row) {
      st.appendAudit(row);
      rule.linked();
      auditTail = row;
    },
    async savepoint(fn) {
      st.savepoint();
      const head = { txHead, txHeadDirty };
      const unit = rule.enter();
      try {
        const out = await fn();
        rule.checkSavepoint(unit);
        st.release();
        rule.leave(unit, true);
        return out;
      } catch (err) {
        rule.leave(unit, false);
        st.rollbackToSavepoint();
        ({ txHead, txHeadDirty } = head);
        auditTail = null;
        devices.clear();
        throw err;
      }
    },
  };

  return (fn) =>
    lock.exclusive(async () => {
      // Under the lock, so no statement of ours runs while the worker copies the last frames.
      const wait = checkpointer?.beforeTransaction();
      if (wait) await wait;
      st.begin();
      txHead = null;
      txHeadDirty = false;
      rule.begin();
      const dv = st.dataVersion();
      if (dv !== dataVersion) auditTail = null;
      dataVersion = dv;
      try {
        const out = await fn(writer);
        rule.checkTransaction();
        if (txHeadDirty) st.setHead(txHead!);
        st.commit();
        return out;
      } catch (err) {
        st.rollback();
        auditTail = null;
        devices.clear();
        throw err;
      }
    });
}
