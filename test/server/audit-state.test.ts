import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Operation } from '../../shared/schema';
import { putAuditedRecords } from '../../server/audit/system';
import { verifyAudit } from '../../server/audit/verify';
import { createSqliteStore } from '../../server/store/sqlite';
import { toRecordWrite } from '../../server/sync/records';
import { makeHarness, recordOf, type Harness } from './harness';
import { heldOp, pendingOpAt } from './fixtures';
import { tamper } from './audit-tamper';

const run = promisify(execFile);

interface Report {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  state: { ok: boolean; records: number; findings: { entity: string; id: string; problem: string; seq?: number }[]; more: number };
}

describe('the state verify rebuilds the synced records from the chain (A4)', () => {
  let h: Harness;
  let cookie: string;
  let token: string;
  let op: Operation;
  beforeEach(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
    ({ token } = await h.enroll(['st-mill-1']));
    op = await pendingOpAt(h.store, 'st-mill-1');
    const held = await heldOp(h.store);
    const pushed = await h.push({ token }, 'client-s-1', [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-op-nguyen' },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-s1', operationId: op.id, good: 4, scrap: 0 }, actorId: 'u-op-nguyen' },
      { id: 3, name: 'launchRocket', args: {}, actorId: 'u-op-nguyen' },
    ]);
    expect(((await pushed.json()) as { results: { outcome: string }[] }).results.map((x) => x.outcome)).toEqual(['applied', 'applied', 'rejected']);
    // A conflict or a rejection from the console too: its record is an after-image of its link.
    await h.push({ cookie }, 'console-s-1', [{ id: 1, name: 'startOperation', args: { operationId: held.op.id }, actorId: 'u-coordinator' }]);
  });
  afterEach(() => h.close());

  const verify = async () => (await (await h.req('/api/audit/verify', { cookie })).json()) as Report;
  const records = async () => (await h.store.countRecords()) - (await h.store.countRecords('audit'));

  it('[A4] the seed, the first coordinator and every mutation are in the chain: the rebuilt records equal the store', async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, state: { ok: true, findings: [], more: 0 } });
    expect(r.state.records).toBe(await records());
    const first = (await recordOf<AuditEntry>(h.store, 'audit', 'system:1'))!;
    expect(first).toMatchObject({ actorId: 'system', mutation: 'createCoordinator', outcome: 'applied' });
    expect(first.after).toHaveProperty('users/u-coordinator');
  });

  it('[A4] a record edited outside a mutation is reported by entity and id, though the chain is intact', async () => {
    tamper(h.file, (db) => {
      const row = db.prepare("SELECT value FROM records WHERE entity = 'quantityReports' AND id = 'qr-s1'").get() as { value: string };
      db.prepare("UPDATE records SET value = ? WHERE entity = 'quantityReports' AND id = 'qr-s1'").run(row.value.replace('"good":4', '"good":5'));
      db.prepare("UPDATE records SET version = version + 1 WHERE entity = 'stations' AND id = 'st-mill-1'").run();
    });
    const r = await verify();
    expect(r).toMatchObject({ ok: false, entries: expect.any(Number) });
    expect(r.brokenAt).toBeUndefined();
    expect(r.state.findings).toHaveLength(2);
    expect(r.state.findings).toEqual(
      expect.arrayContaining([
        { entity: 'quantityReports', id: 'qr-s1', problem: 'edited' },
        { entity: 'stations', id: 'st-mill-1', problem: 'edited' },
      ]),
    );
  });

  it('[A4] a record added or deleted outside a mutation is reported by entity and id', async () => {
    tamper(h.file, (db) => {
      db.prepare(
        "INSERT INTO records (entity, id, version, updated_at, deleted, scopes, ref, value) SELECT entity, 'qr-forged', version, updated_at, 0, scopes, ref, replace(value, 'qr-s1', 'qr-forged') FROM records WHERE entity = 'quantityReports' AND id = 'qr-s1'",
      ).run();
      db.prepare("DELETE FROM records WHERE entity = 'notes' OR (entity = 'rejections')").run();
    });
    const r = await verify();
    expect(r.ok).toBe(false);
    const byProblem = (p: string) => r.state.findings.filter((f) => f.problem === p).map((f) => `${f.entity}/${f.id}`);
    expect(byProblem('added')).toEqual(['quantityReports/qr-forged']);
    expect(byProblem('deleted')).toEqual(['rejections/client-s-1:3']);
  });

  it('[A4] a record edited and then built on by a mutation is reported at the seq whose before-image differs', async () => {
    tamper(h.file, (db) => {
      const row = db.prepare("SELECT value FROM records WHERE entity = 'operations' AND id = ?").get(op.id) as { value: string };
      const v = JSON.parse(row.value) as Operation;
      db.prepare("UPDATE records SET value = ? WHERE entity = 'operations' AND id = ?").run(JSON.stringify({ ...v, good: v.good + 100 }), op.id);
    });
    await h.push({ token }, 'client-s-1', [
      { id: 4, name: 'reportQuantity', args: { id: 'qr-s2', operationId: op.id, good: 1, scrap: 0 }, actorId: 'u-op-nguyen' },
    ]);
    const seq = (await recordOf<AuditEntry>(h.store, 'audit', 'client-s-1:4'))!.seq;
    const r = await verify();
    expect(r.ok).toBe(false);
    // The store's value is the last after-image again; only the before-image shows the edit.
    expect(r.state.findings).toEqual([{ entity: 'operations', id: op.id, problem: 'changed-before', seq }]);
  });

  it('[A4] npm run audit:verify runs the state check too and exits non-zero on a finding', async () => {
    const cli = ['--import', 'tsx', 'server/cli/verify-audit.ts', h.file];
    const ok = await run(process.execPath, cli);
    expect(ok.stdout).toMatch(/OK: \d+ records rebuilt from the chain match the store/);
    tamper(h.file, (db) => db.prepare("UPDATE records SET value = replace(value, 'Mill', 'Drill') WHERE entity = 'stations' AND id = 'st-mill-1'").run());
    const bad = await run(process.execPath, cli).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^OK: \d+ audit entries, chain intact/);
    expect(bad.stdout).toMatch(/STATE: 1 records differ/);
    expect(bad.stdout).toMatch(/stations\/st-mill-1: edited/);
  });
});

describe('upgrading a database from before the system links (migration 006)', () => {
  it('[A4] records the chain does not explain are adopted by a baseline link: the verify starts from the state at upgrade', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-upgrade-'));
    const file = join(dir, 'floorboard.sqlite');
    try {
      let store = await createSqliteStore({ file });
      const now = '2026-03-02T10:00:00.000Z';
      const station = { id: 'st-old-1', name: 'Old saw', departmentId: 'd-1', line: '' };
      await store.transaction(async (tx) => {
        // As the seed wrote before: straight into the records, no link.
        await tx.putRecordsUnaudited([toRecordWrite('stations', station, await tx.nextVersion(), now)]);
        await putAuditedRecords(tx, [toRecordWrite('stations', { ...station, id: 'st-old-2' }, await tx.nextVersion(), now)], 'seedPlant', now);
      });
      await store.close();
      tamper(file, (db) => {
        db.prepare("UPDATE records SET value = replace(value, 'Old saw', 'Edited saw') WHERE id = 'st-old-2'").run();
        // The file as it was before this version: 006 not applied yet.
        db.prepare('DELETE FROM migrations WHERE id = 6').run();
      });
      store = await createSqliteStore({ file });
      try {
        const r = await verifyAudit(store);
        expect(r).toMatchObject({ ok: true, entries: 2, state: { ok: true, records: 2 } });
        const link = JSON.parse((await store.lastAudit())!.entry) as AuditEntry;
        expect(link).toMatchObject({ actorId: 'system', mutation: 'adoptRecords', seq: 2 });
        // The adoption is on the record: what the chain said, and what the store held.
        expect(link.before).toEqual({ 'stations/st-old-1': null, 'stations/st-old-2': expect.objectContaining({ name: 'Old saw' }) });
        expect(link.after).toEqual({
          'stations/st-old-1': expect.objectContaining({ name: 'Old saw' }),
          'stations/st-old-2': expect.objectContaining({ name: 'Edited saw' }),
        });
        const raw = new Database(file);
        expect(() => raw.prepare("UPDATE audit SET hash = 'f00'").run()).toThrow(/append-only/);
        raw.close();
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
