import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityName } from '../../shared/schema';
import { UnauditedWriteError } from '../../server/store/audit-rule';
import type { AuditLink, RecordWrite, Store } from '../../server/store/types';

export interface StoreFactory {
  create(): Promise<Store>;
  /** Opens the storage of the last `create` again, as a restarted server does (migrations run again). */
  reopen(): Promise<Store>;
  /**
   * A second instance on the storage of the last `create`, used at the same time (several servers
   * on one database, D3). Absent where one process owns the storage (SQLite, DESIGN §11).
   */
  sibling?(): Promise<Store>;
  /** Drops what `create` made (files, databases). */
  cleanup(): Promise<void>;
}

/** Resolves on the next turns of the event loop, so that other work in flight gets to run. */
const turns = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Whether what `store` has committed is a prefix of the change sequence: read the head, then every
 * version up to it must be there (each transaction of the caller writes one record at its version).
 */
async function committedPrefix(store: Store): Promise<{ head: number; versions: number[] }> {
  const head = await store.head();
  const rows = await store.pull({ after: 0, upTo: head, scopes: 'all', limit: 100_000 });
  return { head, versions: [...new Set(rows.map((r) => r.version))] };
}
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const rec = (entity: EntityName, id: string, version: number, scopes: string[], ref: string | null = null, extra = {}): RecordWrite => ({
  entity,
  id,
  version,
  updatedAt: '2026-03-02T10:00:00.000Z',
  deleted: false,
  scopes,
  ref,
  value: JSON.stringify({ id, version, ...extra }),
});

/** A record as it stands at `updatedAt`: a tombstone when `deleted`. */
const at = (r: RecordWrite, updatedAt: string, deleted = false): RecordWrite => ({ ...r, updatedAt, deleted });
const OLD = '2026-01-01T00:00:00.000Z';
const CUTOFF = '2026-02-01T00:00:00.000Z';
const NEW = '2026-03-01T00:00:00.000Z';

/** A link of the audit chain, also the `audit` record `c:<seq>` at `version` (seq by default). */
const link = (seq: number, prevHash: string, hash: string, version = seq): AuditLink => ({
  seq,
  prevHash,
  hash,
  entry: JSON.stringify({ id: `c:${seq}`, seq }),
  id: `c:${seq}`,
  version,
  updatedAt: '2026-03-02T10:00:00.000Z',
});

/** The behaviour every Store implementation must have (DESIGN §2): SQLite and PostgreSQL. */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('[S6] allocates versions gap-free; a rolled back transaction gives its version back', async () => {
      expect(await store.head()).toBe(0);
      expect(await store.transaction((tx) => tx.nextVersion())).toBe(1);
      await expect(
        store.transaction(async (tx) => {
          await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-x', 2, ['*'])]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.head()).toBe(1);
      expect(await store.getRecord('stations', 'st-x')).toBeUndefined();
      expect(await store.transaction((tx) => tx.nextVersion())).toBe(2);
    });

    it('[S6] reserves a block of consecutive versions', async () => {
      await store.transaction((tx) => tx.nextVersion());
      expect(await store.transaction((tx) => tx.reserveVersions(5))).toBe(2);
      expect(await store.head()).toBe(6);
      expect(await store.transaction((tx) => tx.nextVersion())).toBe(7);
    });

    it('[S6] concurrent transactions get distinct versions in commit order', async () => {
      const versions = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (tx) => {
            const v = await tx.nextVersion();
            await tx.putRecordsUnaudited([rec('notes', `n-${i}`, v, ['st-1'], 'st-1')]);
            return v;
          }),
        ),
      );
      expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.head()).toBe(20);
    });

    it('upserts records and finds them by id and by ref', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([rec('operations', 'op-1', 1, ['st-1'], 'wo-1'), rec('operations', 'op-2', 1, ['st-2'], 'wo-1')]));
      await store.transaction((tx) => tx.putRecordsUnaudited([rec('operations', 'op-1', 2, ['st-1'], 'wo-1', { status: 'running' })]));
      const r = await store.getRecord('operations', 'op-1');
      expect(r).toMatchObject({ entity: 'operations', id: 'op-1', version: 2, deleted: false });
      expect(JSON.parse(r!.value)).toMatchObject({ status: 'running' });
      expect((await store.byRef('operations', 'wo-1')).map((x) => x.id)).toEqual(['op-1', 'op-2']);
      expect(await store.byRef('operations', 'wo-2')).toEqual([]);
      expect(await store.countRecords('operations')).toBe(2);
      expect(await store.countRecords()).toBe(2);
    });

    it('[S6] pull filters by scope, bounds versions and keeps version order', async () => {
      await store.transaction((tx) =>
        tx.putRecordsUnaudited([
          rec('stations', 'st-1', 1, ['*']),
          rec('operations', 'op-a', 2, ['st-1'], 'wo'),
          rec('operations', 'op-b', 3, ['st-2'], 'wo'),
          rec('rejections', 'c:1', 4, ['device:d1']),
          rec('users', 'u-1', 5, ['st-1', 'st-2']),
        ]),
      );
      // The `audit` record of mutation c:1 is its link of the chain, at the version it was applied.
      await store.transaction((tx) => tx.appendAudit(link(1, '0', 'a', 4)));
      const ids = async (scopes: string[] | 'all', after = 0, upTo = 99, limit = 99) => (await store.pull({ after, upTo, scopes, limit })).map((r) => r.id);
      expect(await ids(['*', 'st-1', 'device:d1'])).toEqual(['st-1', 'op-a', 'c:1', 'u-1']);
      expect(await ids(['*', 'st-2', 'device:d2'])).toEqual(['st-1', 'op-b', 'u-1']);
      expect(await ids('all')).toEqual(['st-1', 'op-a', 'op-b', 'c:1', 'c:1', 'u-1']);
      expect((await store.pull({ after: 3, upTo: 4, scopes: ['coordinator'], limit: 9 })).map((r) => r.entity)).toEqual(['audit']);
      expect((await store.pull({ after: 0, upTo: 99, scopes: 'all', limit: 4 })).map((r) => `${r.entity}/${r.id}`)).toEqual([
        'stations/st-1',
        'operations/op-a',
        'operations/op-b',
        'audit/c:1',
      ]);
      const audit = await store.getRecord('audit', 'c:1');
      expect(audit).toMatchObject({ entity: 'audit', id: 'c:1', version: 4, deleted: false });
      expect(JSON.parse(audit!.value)).toEqual({ id: 'c:1', seq: 1, hash: 'a', version: 4, updatedAt: '2026-03-02T10:00:00.000Z' });
      // A pull splices the same text as getRecord does (a client may compare what it stored).
      expect((await store.pull({ after: 3, upTo: 4, scopes: ['coordinator'], limit: 9 }))[0]!.value).toBe(audit!.value);
      expect(await store.countRecords('audit')).toBe(1);
      expect(await store.countRecords()).toBe(6);
      await expect(store.transaction((tx) => tx.putRecords([rec('audit', 'c:2', 6, ['coordinator'])]))).rejects.toThrow(/appendAudit/);
      expect(await ids('all', 1, 3)).toEqual(['op-a', 'op-b']);
      expect(await ids('all', 0, 99, 2)).toEqual(['st-1', 'op-a']);
      expect((await store.pullVersion(4, 'all')).map((r) => r.entity).sort()).toEqual(['audit', 'rejections']);
      expect((await store.pullVersion(4, ['*', 'device:d1'])).map((r) => r.entity)).toEqual(['rejections']);
    });

    it('a scope never matches a longer scope that starts with it', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([rec('operations', 'op-a', 1, ['st-10'], 'wo')]));
      expect(await store.pull({ after: 0, upTo: 9, scopes: ['st-1'], limit: 9 })).toEqual([]);
    });

    it('[S2] keeps clients and their lastMutationId', async () => {
      expect(await store.getClient('c-1')).toBeUndefined();
      await store.transaction((tx) => tx.setClient({ clientId: 'c-1', owner: 'device:d1', lastMutationId: 1 }));
      await store.transaction((tx) => tx.setClient({ clientId: 'c-1', owner: 'device:d1', lastMutationId: 2 }));
      expect(await store.getClient('c-1')).toEqual({ clientId: 'c-1', owner: 'device:d1', lastMutationId: 2 });
    });

    it('[A1] devices, one-time enrollment codes and token hashes', async () => {
      await store.transaction(async (tx) => {
        await tx.insertDevice({ id: 'd1', name: 'Mill', stationIds: ['st-1'], tokenHash: null, revoked: false, enrolledAt: null, createdAt: 'x' });
        await tx.insertEnrollmentCode('hash-1', 'd1', 1_000);
      });
      expect(await store.transaction((tx) => tx.useEnrollmentCode('hash-1', 1_000, 'now'))).toBeUndefined();
      expect(await store.transaction((tx) => tx.useEnrollmentCode('hash-1', 999, 'now'))).toBe('d1');
      expect(await store.transaction((tx) => tx.useEnrollmentCode('hash-1', 999, 'now'))).toBeUndefined();
      await store.transaction((tx) => tx.updateDevice('d1', { tokenHash: 'th', enrolledAt: 'now' }));
      expect(await store.getDeviceByTokenHash('th')).toMatchObject({ id: 'd1', stationIds: ['st-1'], revoked: false });
      // A token seen inside a transaction that rolls back is not found afterwards.
      const abort = store.transaction(async (tx) => {
        await tx.updateDevice('d1', { tokenHash: 'th-2' });
        expect((await tx.getDeviceByTokenHash('th-2'))?.id).toBe('d1');
        throw new Error('abort');
      });
      await expect(abort).rejects.toThrow('abort');
      expect(await store.getDeviceByTokenHash('th-2')).toBeUndefined();
      expect((await store.getDeviceByTokenHash('th'))?.id).toBe('d1');
      await store.transaction((tx) => tx.updateDevice('d1', { revoked: true }));
      expect((await store.getDevice('d1'))?.revoked).toBe(true);
      // Revocation is seen by the very next lookup by token (A1), however often it was looked up before.
      expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(true);
      expect((await store.listDevices()).map((d) => d.id)).toEqual(['d1']);
    });

    it('[A3] console users and sessions', async () => {
      await store.transaction(async (tx) => {
        await tx.upsertConsoleUser({ userId: 'u-c', username: 'coordinator', passwordHash: 'h1' });
        await tx.insertSession({ tokenHash: 's1', userId: 'u-c', expiresAt: 5, lastUsedAt: 2 });
      });
      expect(await store.getConsoleUser('coordinator')).toEqual({ userId: 'u-c', username: 'coordinator', passwordHash: 'h1' });
      expect(await store.countConsoleUsers()).toBe(1);
      expect(await store.getSession('s1')).toEqual({ tokenHash: 's1', userId: 'u-c', expiresAt: 5, lastUsedAt: 2 });
      await store.transaction((tx) => tx.deleteSession('s1'));
      expect(await store.getSession('s1')).toBeUndefined();
    });

    it('[X2] rate-limit counters: atomic bumps, never below zero, blocks, forgetting and deletion', async () => {
      const bump = (delta: number, now: number, forgetBefore = 0) => store.transaction((tx) => tx.bumpAuthLimit('k', delta, now, forgetBefore));
      expect(await bump(1, 10)).toEqual({ key: 'k', failures: 1, blockedUntil: 0, updatedAt: 10 });
      // Concurrent bumps each count: none reads a count that another is about to change.
      await Promise.all(Array.from({ length: 10 }, () => bump(1, 11)));
      await store.transaction((tx) => tx.blockAuthLimit('k', 99));
      expect(await bump(1, 12)).toEqual({ key: 'k', failures: 12, blockedUntil: 99, updatedAt: 12 });
      expect((await bump(-20, 13)).failures).toBe(0);
      await store.transaction((tx) => tx.blockAuthLimit('k', 99));
      // Untouched since before `forgetBefore`: it starts over, unblocked.
      expect(await bump(1, 50, 20)).toEqual({ key: 'k', failures: 1, blockedUntil: 0, updatedAt: 50 });
      // A bump in a transaction that rolls back counts nothing.
      await expect(
        store.transaction(async (tx) => {
          await tx.bumpAuthLimit('k', 1, 51, 0);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect((await bump(0, 52)).failures).toBe(1);
      await store.transaction((tx) => tx.deleteAuthLimit('k'));
      expect((await bump(1, 53)).failures).toBe(1);
    });

    it('lists every record of one entity by id, inside a transaction too, and no other entity', async () => {
      await store.transaction((tx) =>
        tx.putRecordsUnaudited([rec('users', 'u-b', 1, ['st-1']), rec('users', 'u-a', 1, ['coordinator']), rec('stations', 'st-1', 1, ['*'])]),
      );
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('users', 'u-c', 2, ['st-2']), OLD, true)]));
      expect((await store.listRecords('users')).map((r) => [r.id, r.deleted])).toEqual([
        ['u-a', false],
        ['u-b', false],
        ['u-c', true],
      ]);
      // A transaction sees its own writes before they commit: the badge check reads them there.
      const seen = await store.transaction(async (tx) => {
        await tx.putRecordsUnaudited([rec('users', 'u-d', 3, ['st-1'])]);
        return (await tx.listRecords('users')).map((r) => r.id);
      });
      expect(seen).toEqual(['u-a', 'u-b', 'u-c', 'u-d']);
      expect(await store.listRecords('notes')).toEqual([]);
    });

    it('[A2] keeps PIN proof keys apart from records: set, replace, remove; never pulled', async () => {
      expect(await store.getProofKey('u-1')).toBeUndefined();
      await store.transaction((tx) => tx.setProofKey('u-1', 'k1'));
      await store.transaction((tx) => tx.setProofKey('u-1', 'k2'));
      expect(await store.getProofKey('u-1')).toBe('k2');
      expect(await store.pull({ after: 0, upTo: Number.MAX_SAFE_INTEGER, scopes: 'all', limit: 100 })).toEqual([]);
      await store.transaction((tx) => tx.setProofKey('u-1', null));
      expect(await store.getProofKey('u-1')).toBeUndefined();
    });

    it("[A3] sessions: the idle clock moves, a user's other sessions end, expired ones are purged", async () => {
      await store.transaction(async (tx) => {
        await tx.upsertConsoleUser({ userId: 'u-b', username: 'bea', passwordHash: 'hb' });
        await tx.upsertConsoleUser({ userId: 'u-a', username: 'ann', passwordHash: 'ha' });
        await tx.insertSession({ tokenHash: 'a1', userId: 'u-a', expiresAt: 100, lastUsedAt: 10 });
        await tx.insertSession({ tokenHash: 'a2', userId: 'u-a', expiresAt: 100, lastUsedAt: 10 });
        await tx.insertSession({ tokenHash: 'a3', userId: 'u-a', expiresAt: 100, lastUsedAt: 10 });
        await tx.insertSession({ tokenHash: 'b1', userId: 'u-b', expiresAt: 100, lastUsedAt: 10 });
        await tx.insertSession({ tokenHash: 'b2', userId: 'u-b', expiresAt: 50, lastUsedAt: 40 });
      });
      expect(await store.listConsoleUsers()).toEqual([
        { userId: 'u-a', username: 'ann' },
        { userId: 'u-b', username: 'bea' },
      ]);
      expect(await store.getConsoleUserById('u-b')).toEqual({ userId: 'u-b', username: 'bea', passwordHash: 'hb' });
      expect(await store.getConsoleUserById('u-x')).toBeUndefined();
      await store.transaction((tx) => tx.touchSession('b1', 30));
      expect((await store.getSession('b1'))?.lastUsedAt).toBe(30);
      expect(await store.transaction((tx) => tx.deleteUserSessions('u-a', 'a1'))).toBe(2);
      expect(await store.getSession('a1')).toBeDefined();
      expect(await store.getSession('a2')).toBeUndefined();
      // At 50 with an idle cut-off of 20: a1 (used at 10) is idle, b2 is over age, b1 (used at 30) lives.
      expect(await store.transaction((tx) => tx.purgeSessions(50, 20))).toBe(2);
      expect(await store.getSession('b1')).toBeDefined();
      expect(await store.getSession('a1')).toBeUndefined();
      expect(await store.getSession('b2')).toBeUndefined();
      expect(await store.transaction((tx) => tx.deleteUserSessions('u-b'))).toBe(1);
    });

    it('[A4] appends audit links in seq order', async () => {
      expect(await store.lastAudit()).toBeUndefined();
      await store.transaction(async (tx) => {
        await tx.appendAudit(link(1, '0', 'a'));
        await tx.appendAudit(link(2, 'a', 'b'));
      });
      expect((await store.lastAudit())?.hash).toBe('b');
      expect((await store.auditEntries(1, 10)).map((r) => r.seq)).toEqual([2]);
      await expect(store.transaction((tx) => tx.appendAudit(link(2, 'b', 'c')))).rejects.toThrow();
    });

    it('[S4] a savepoint that throws rolls back only its own writes; the transaction still commits', async () => {
      await store.transaction(async (tx) => {
        const v = await tx.savepoint(async () => {
          const v1 = await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-kept', v1, ['*'])]);
          await tx.appendAudit(link(1, '0', 'a'));
          await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 1 });
          return v1;
        });
        expect(v).toBe(1);
        await expect(
          tx.savepoint(async () => {
            const v2 = await tx.nextVersion();
            await tx.putRecords([rec('stations', 'st-lost', v2, ['*'])]);
            await tx.appendAudit(link(2, 'a', 'b'));
            await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 2 });
            throw new Error('mutation bug');
          }),
        ).rejects.toThrow('mutation bug');
        // Inside the same transaction, the failed savepoint left nothing behind.
        expect((await tx.lastAudit())?.hash).toBe('a');
        expect(await tx.getRecord('stations', 'st-lost')).toBeUndefined();
        expect(await tx.nextVersion()).toBe(2);
      });
      expect(await store.head()).toBe(2);
      expect(await store.getRecord('stations', 'st-kept')).toBeDefined();
      expect(await store.getRecord('stations', 'st-lost')).toBeUndefined();
      expect((await store.getClient('c-1'))?.lastMutationId).toBe(1);
      expect((await store.lastAudit())?.hash).toBe('a');
    });

    it('[A4] a transaction that writes records without an audit link is refused and writes nothing', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.putRecords([rec('stations', 'st-untraced', await tx.nextVersion(), ['*'])]);
          await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 1 });
        }),
      ).rejects.toThrow(UnauditedWriteError);
      expect(await store.head()).toBe(0);
      expect(await store.getRecord('stations', 'st-untraced')).toBeUndefined();
      expect(await store.getClient('c-1')).toBeUndefined();
      // A link in a savepoint is another unit's: it does not cover records written outside it.
      await expect(
        store.transaction(async (tx) => {
          const v = await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-untraced', v, ['*'])]);
          await tx.savepoint(() => tx.appendAudit(link(1, '0', 'a', v)));
        }),
      ).rejects.toThrow(/without an audit link/);
      expect(await store.head()).toBe(0);
      expect(await store.lastAudit()).toBeUndefined();
      expect(await store.countRecords()).toBe(0);
      // The store is usable after the refusal, and its caches were not left with the refused writes.
      expect(await store.transaction((tx) => tx.getRecord('stations', 'st-untraced'))).toBeUndefined();
      expect(await store.transaction((tx) => tx.nextVersion())).toBe(1);
    });

    it('[A4] records written with an audit link in the same transaction commit, the link before or after them', async () => {
      await store.transaction(async (tx) => {
        const v = await tx.nextVersion();
        await tx.appendAudit(link(1, '0', 'a', v));
        await tx.putRecords([rec('stations', 'st-1', v, ['*'])]);
      });
      await store.transaction(async (tx) => {
        const v = await tx.nextVersion();
        await tx.putRecords([rec('stations', 'st-2', v, ['*']), rec('stations', 'st-3', v, ['*'])]);
        await tx.appendAudit(link(2, 'a', 'b', v));
      });
      // Nothing written, nothing to account for: an empty write and a transaction of other writes.
      await store.transaction(async (tx) => {
        await tx.putRecords([]);
        await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 1 });
      });
      expect(await store.head()).toBe(2);
      expect((await store.listRecords('stations')).map((r) => r.id)).toEqual(['st-1', 'st-2', 'st-3']);
      expect((await store.lastAudit())?.hash).toBe('b');
      expect((await store.getClient('c-1'))?.lastMutationId).toBe(1);
    });

    it('[A4][S4] in a group commit a savepoint that wrote records without its link fails alone; the others commit', async () => {
      let err: unknown;
      await store.transaction(async (tx) => {
        // Each savepoint opened in the transaction is one mutation: its records need its own link.
        await tx.savepoint(async () => {
          const v = await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-a', v, ['*'])]);
          await tx.appendAudit(link(1, '0', 'a', v));
          await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 1 });
        });
        err = await tx
          .savepoint(async () => {
            const v = await tx.nextVersion();
            await tx.putRecords([rec('stations', 'st-b', v, ['*'])]);
            await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 2 });
            await tx.countRecords(); // a statement inside it (PostgreSQL then sends the savepoint)
          })
          .catch((e: unknown) => e);
        expect(await tx.getRecord('stations', 'st-b')).toBeUndefined();
        expect((await tx.getClient('c-1'))?.lastMutationId).toBe(1);
        expect(await tx.head()).toBe(1);
        await tx.savepoint(async () => {
          const v = await tx.nextVersion();
          await tx.appendAudit(link(2, 'a', 'b', v));
          await tx.putRecords([rec('stations', 'st-c', v, ['*'])]);
          await tx.setClient({ clientId: 'c-1', owner: 'device:d-1', lastMutationId: 3 });
        });
      });
      expect(err).toBeInstanceOf(UnauditedWriteError);
      expect((err as Error).message).toMatch(/1 record\(s\) written without an audit link in the same savepoint/);
      expect(await store.head()).toBe(2);
      expect((await store.listRecords('stations')).map((r) => `${r.id}@${r.version}`)).toEqual(['st-a@1', 'st-c@2']);
      expect((await store.auditEntries(0, 9)).map((r) => r.hash)).toEqual(['a', 'b']);
      expect((await store.getClient('c-1'))?.lastMutationId).toBe(3);
    });

    it('[A4] a savepoint inside a savepoint belongs to its unit: a released one counts there, a rolled back one does not', async () => {
      await store.transaction(async (tx) => {
        await tx.savepoint(async () => {
          const v = await tx.nextVersion();
          await tx.savepoint(() => tx.putRecords([rec('stations', 'st-inner', v, ['*'])]));
          await tx.appendAudit(link(1, '0', 'a', v));
        });
        await tx.savepoint(async () => {
          const v = await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-outer', v, ['*'])]);
          await tx.savepoint(() => tx.appendAudit(link(2, 'a', 'b', v)));
        });
        // The link was appended in a nested savepoint that rolled back: the unit has none left.
        const err = await tx
          .savepoint(async () => {
            const v = await tx.nextVersion();
            await tx.putRecords([rec('stations', 'st-lost', v, ['*'])]);
            await tx
              .savepoint(async () => {
                await tx.appendAudit(link(3, 'b', 'c', v));
                throw new Error('inner');
              })
              .catch(() => undefined);
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnauditedWriteError);
      });
      expect(await store.head()).toBe(2);
      expect((await store.listRecords('stations')).map((r) => r.id)).toEqual(['st-inner', 'st-outer']);
      expect((await store.lastAudit())?.hash).toBe('b');
    });

    it("[A4] putRecordsUnaudited, the fixtures' way around the rule, commits records without a link", async () => {
      await store.transaction(async (tx) => tx.putRecordsUnaudited([rec('stations', 'st-fixture', await tx.nextVersion(), ['*'])]));
      expect(await store.getRecord('stations', 'st-fixture')).toBeDefined();
      await expect(store.transaction((tx) => tx.putRecordsUnaudited([rec('audit', 'c:1', 1, ['coordinator'])]))).rejects.toThrow(/appendAudit/);
    });

    it('[A4] a rolled back transaction does not leave its audit link behind, in the store or in a cache', async () => {
      await store.transaction((tx) => tx.appendAudit(link(1, '0', 'a')));
      await expect(
        store.transaction(async (tx) => {
          await tx.appendAudit(link(2, 'a', 'b'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.transaction((tx) => tx.lastAudit()))?.hash).toBe('a');
    });

    it('[S6] head never passes a version whose transaction has not committed', async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let allocated!: () => void;
      const inside = new Promise<void>((r) => (allocated = r));
      const tx = store.transaction(async (t) => {
        const v = await t.nextVersion();
        await t.putRecordsUnaudited([rec('notes', 'n-open', v, ['*'])]);
        allocated();
        await gate;
      });
      await inside;
      // A reader while the transaction is open (on SQLite it waits for the commit instead).
      const seen = committedPrefix(store);
      await Promise.race([seen, turns(50)]);
      open();
      await tx;
      const { head, versions } = await seen;
      expect(versions).toEqual(upTo(head));
      expect(await committedPrefix(store)).toEqual({ head: 1, versions: [1] });
    });

    it('[S4] a savepoint inside a savepoint rolls back alone', async () => {
      await store.transaction(async (tx) => {
        await tx.savepoint(async () => {
          const v1 = await tx.nextVersion();
          await tx.putRecords([rec('stations', 'st-outer', v1, ['*'])]);
          await tx.appendAudit(link(1, '0', 'a', v1));
          await expect(
            tx.savepoint(async () => {
              await tx.putRecords([rec('stations', 'st-inner', await tx.nextVersion(), ['*'])]);
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
          expect(await tx.head()).toBe(1);
        });
      });
      expect(await store.head()).toBe(1);
      expect(await store.getRecord('stations', 'st-outer')).toBeDefined();
      expect(await store.getRecord('stations', 'st-inner')).toBeUndefined();
    });

    it('[D4] purges only tombstones written before the cutoff; live records of any age stay', async () => {
      expect(await store.retainedFrom()).toBe(0);
      await store.transaction((tx) =>
        tx.putRecordsUnaudited([
          at(rec('notes', 'n-live-old', 1, ['st-1'], 'st-1'), OLD),
          at(rec('notes', 'n-gone-1', 2, ['st-1'], 'st-1'), OLD, true),
          at(rec('notes', 'n-gone-2', 3, ['st-2'], 'st-2'), OLD, true),
          at(rec('notes', 'n-gone-new', 4, ['st-1'], 'st-1'), NEW, true),
        ]),
      );
      await store.transaction((tx) => tx.appendAudit(link(1, '0', 'a', 2)));
      expect(await store.transaction((tx) => tx.purgeTombstones(CUTOFF))).toEqual({ purged: 2, retainedFrom: 3 });
      const left = (await store.pull({ after: 0, upTo: 9, scopes: 'all', limit: 99 })).map((r) => `${r.entity}/${r.id}`);
      // The chain's `audit` records are never purged (A4): they are links, not tombstones.
      expect(left).toEqual(['notes/n-live-old', 'audit/c:1', 'notes/n-gone-new']);
      expect(await store.getRecord('notes', 'n-gone-1')).toBeUndefined();
      expect(await store.retainedFrom()).toBe(3);
      expect(await store.head()).toBe(0); // a purge allocates no version
    });

    it('[D4] retainedFrom never goes down, and a purge with nothing to purge leaves it', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-a', 5, ['*']), OLD, true)]));
      expect((await store.transaction((tx) => tx.purgeTombstones(CUTOFF))).retainedFrom).toBe(5);
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-b', 2, ['*']), OLD, true)]));
      expect(await store.transaction((tx) => tx.purgeTombstones(CUTOFF))).toEqual({ purged: 1, retainedFrom: 5 });
      expect(await store.transaction((tx) => tx.purgeTombstones(CUTOFF))).toEqual({ purged: 0, retainedFrom: 5 });
    });

    it('[D4] a purge rolled back with its transaction removes nothing and leaves retainedFrom', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-a', 1, ['*']), OLD, true)]));
      await expect(
        store.transaction(async (tx) => {
          expect((await tx.purgeTombstones(CUTOFF)).purged).toBe(1);
          expect(await tx.retainedFrom()).toBe(1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.retainedFrom()).toBe(0);
      expect((await store.getRecord('notes', 'n-a'))?.deleted).toBe(true);
    });

    it('[D4] a tombstone brought back by a later write is a live record and is not purged', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-a', 1, ['*']), OLD, true)]));
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-a', 2, ['*']), OLD)]));
      expect(await store.transaction((tx) => tx.purgeTombstones(CUTOFF))).toEqual({ purged: 0, retainedFrom: 0 });
      expect((await store.getRecord('notes', 'n-a'))?.deleted).toBe(false);
    });

    it('[D4] retainedFrom is kept across a restart', async () => {
      await store.transaction((tx) => tx.putRecordsUnaudited([at(rec('notes', 'n-a', 7, ['*']), OLD, true)]));
      await store.transaction((tx) => tx.purgeTombstones(CUTOFF));
      await store.close();
      store = await factory.reopen();
      expect(await store.retainedFrom()).toBe(7);
    });

    it('runs its migrations once: a second start finds the data and the head where they were', async () => {
      await store.transaction(async (tx) => {
        await tx.putRecords([rec('stations', 'st-1', await tx.reserveVersions(3), ['*'])]);
        await tx.appendAudit(link(1, '0', 'a', 3));
      });
      await store.close();
      store = await factory.reopen();
      await (await factory.reopen()).close();
      expect(await store.head()).toBe(3);
      expect((await store.getRecord('stations', 'st-1'))?.version).toBe(1);
      expect((await store.lastAudit())?.hash).toBe('a');
      expect(await store.transaction((tx) => tx.nextVersion())).toBe(4);
    });

    if (factory.sibling) {
      const sibling = factory.sibling.bind(factory);

      it('[S6] two instances on one database: versions gap-free in commit order, head never ahead', async () => {
        const other = await sibling();
        try {
          const N = 30;
          let done = false;
          const writers = Promise.all(
            upTo(N).map((i) =>
              (i % 2 ? store : other).transaction(async (tx) => {
                const v = await tx.nextVersion();
                await tx.putRecordsUnaudited([rec('notes', `n-${i}`, v, ['*'])]);
                // Transactions of different lengths: with sequence values they would commit out of order.
                await turns(i % 3);
              }),
            ),
          ).finally(() => (done = true));
          const observed: { head: number; versions: number[] }[] = [];
          for (let k = 0; !done; k++) observed.push(await committedPrefix(k % 2 ? store : other));
          await writers;
          for (const o of observed) expect(o.versions).toEqual(upTo(o.head));
          expect(await committedPrefix(other)).toEqual({ head: N, versions: upTo(N) });
        } finally {
          await other.close();
        }
      });

      it('[A4] two instances append one audit chain without a fork', async () => {
        const other = await sibling();
        try {
          await Promise.all(
            upTo(10).map((i) =>
              (i % 2 ? store : other).transaction(async (tx) => {
                const v = await tx.nextVersion();
                const last = await tx.lastAudit();
                await turns(i % 3);
                const seq = (last?.seq ?? 0) + 1;
                await tx.appendAudit(link(seq, last?.hash ?? '0', `h${seq}`, v));
              }),
            ),
          );
          const chain = await store.auditEntries(0, 100);
          expect(chain.map((r) => r.seq)).toEqual(upTo(10));
          for (const [i, r] of chain.entries()) expect(r.prevHash).toBe(i === 0 ? '0' : chain[i - 1]!.hash);
        } finally {
          await other.close();
        }
      });

      it('[A1] a device revoked by another instance is refused at its next lookup', async () => {
        const other = await sibling();
        try {
          await store.transaction((tx) =>
            tx.insertDevice({ id: 'd1', name: 'Mill', stationIds: ['st-1'], tokenHash: 'th', revoked: false, enrolledAt: 'x', createdAt: 'x' }),
          );
          expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(false);
          await other.transaction((tx) => tx.updateDevice('d1', { revoked: true }));
          expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(true);
        } finally {
          await other.close();
        }
      });
    }
  });
}
