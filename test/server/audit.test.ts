import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schema';
import { canonicalJson, chainHash } from '../../server/audit/chain';
import { makeHarness, recordOf, type Harness } from './harness';
import { pendingOpAt } from './fixtures';
import { tamper } from './audit-tamper';

const run = promisify(execFile);

describe('audit trail', () => {
  let h: Harness;
  let cookie: string;
  /** The links the bootstrap and the demo seed wrote before the first mutation. */
  let base: number;
  beforeEach(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
    const { token } = await h.enroll(['st-mill-1']);
    const op = await pendingOpAt(h.store, 'st-mill-1');
    base = (await h.store.lastAudit())?.seq ?? 0;
    await h.push({ token }, 'client-a-1', [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-op-nguyen' },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-1', operationId: op.id, good: 4, scrap: 0 }, actorId: 'u-op-nguyen' },
      { id: 3, name: 'launchRocket', args: {}, actorId: 'u-op-nguyen' },
    ]);
  });
  afterEach(() => h.close());

  const verify = async () => (await (await h.req('/api/audit/verify', { cookie })).json()) as { ok: boolean; entries: number; brokenAt?: number };

  it('[A4] every processed mutation appends one chained entry with before and after', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries: base + 3 });
    const e1 = (await recordOf<AuditEntry>(h.store, 'audit', 'client-a-1:1'))!;
    const e2 = (await recordOf<AuditEntry>(h.store, 'audit', 'client-a-1:2'))!;
    expect(e1).toMatchObject({ seq: base + 1, outcome: 'applied', actorId: 'u-op-nguyen', stationIds: ['st-mill-1'] });
    expect(e2.prevHash).toBe(e1.hash);
    const { hash, version, updatedAt, ...body } = e2;
    expect(chainHash(e2.prevHash, body)).toBe(hash);
    const opKey = Object.keys(e1.after).find((k) => k.startsWith('operations/'))!;
    expect((e1.before[opKey] as { status: string }).status).toBe('pending');
    expect((e1.after[opKey] as { status: string }).status).toBe('running');
    expect(e2.after).toHaveProperty('quantityReports/qr-1');
    expect(e2.before['quantityReports/qr-1']).toBeNull();
    const e3 = (await recordOf<AuditEntry>(h.store, 'audit', 'client-a-1:3'))!;
    expect(e3).toMatchObject({ outcome: 'rejected', code: 'unknown-mutation' });
  });

  it('[A4] editing an entry in the database is detected at that seq', async () => {
    tamper(h.file, (db) => {
      const row = db.prepare('SELECT entry FROM audit WHERE seq = ?').get(base + 2) as { entry: string };
      db.prepare('UPDATE audit SET entry = ? WHERE seq = ?').run(row.entry.replace('"good":4', '"good":40'), base + 2);
    });
    expect(await verify()).toMatchObject({ ok: false, brokenAt: base + 2 });
  });

  it('[A4] removing a link or rewriting its hash is detected', async () => {
    tamper(h.file, (db) => db.prepare("UPDATE audit SET hash = 'f00' WHERE seq = ?").run(base + 1));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: base + 1 });
    tamper(h.file, (db) => db.prepare('DELETE FROM audit WHERE seq = ?').run(base));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: base });
  });

  it('[A4] the CLI prints OK, or the first broken seq and exits non-zero', async () => {
    const cli = ['--import', 'tsx', 'server/cli/verify-audit.ts', h.file];
    const ok = await run(process.execPath, cli);
    expect(ok.stdout).toMatch(new RegExp(`^OK: ${base + 3} audit entries`));
    tamper(h.file, (db) => db.prepare("UPDATE audit SET entry = replace(entry, 'launchRocket', 'launchBoat') WHERE seq = ?").run(base + 3));
    const broken = await run(process.execPath, cli).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`BROKEN at seq ${base + 3}`));
  });

  it('[A4] the export is JSON lines a reader can re-verify', async () => {
    const res = await h.req('/api/audit/export', { cookie });
    expect(res.headers.get('content-type')).toContain('ndjson');
    const [header, ...lines] = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: base + 3 }, (_, i) => i + 1));
    let prev = (lines[0] as AuditEntry).prevHash;
    for (const { hash, ...body } of lines as AuditEntry[]) {
      expect(body.prevHash).toBe(prev);
      expect(chainHash(prev, body)).toBe(hash);
      prev = hash;
    }
    expect(header).toMatchObject({ format: 'floorboard-audit-export/1', head: { seq: base + 3, hash: prev } });
  });

  it('[A4] audit routes are for coordinators only', async () => {
    const { token } = await h.enroll(['st-lathe-1']);
    expect((await h.req('/api/audit/verify', { token })).status).toBe(403);
    expect((await h.req('/api/audit/export')).status).toBe(401);
    expect((await h.req('/api/audit/head', { token })).status).toBe(403);
  });

  it('[A4] the raw table is append-only through SQL', () => {
    const db = new Database(h.file);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('canonical JSON', () => {
  it('[A4] sorts keys at every depth, drops undefined keys, and writes what JSON.stringify writes for leaves', () => {
    const value = {
      b: 1,
      a: [1, undefined, null, 'x"\n', -0, NaN, 1e21, { d: undefined, c: true, B: 2, '10': 1, '9': 0 }],
      u: undefined,
      n: null,
      s: 'é',
    };
    expect(canonicalJson(value)).toBe('{"a":[1,null,null,"x\\"\\n",0,null,1e+21,{"10":1,"9":0,"B":2,"c":true}],"b":1,"n":null,"s":"é"}');
    // The stored entry is canonical JSON: parsing it and canonicalising again gives the same text.
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    // Keys needing escapes are quoted as JSON.stringify quotes them, the first time and after.
    for (let i = 0; i < 2; i++) expect(canonicalJson({ 'a"b': 1, 'é\n': [{}] })).toBe('{"a\\"b":1,"é\\n":[{}]}');
  });
});
