import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putAuditedRecords } from '../../server/audit/system';
import { hashPassword } from '../../server/auth/crypto';
import { toRecordWrite } from '../../server/sync/records';
import { makeHarness, type Harness } from './harness';
import { pendingOpAt } from './fixtures';
import { rewriteChain, tamper } from './audit-tamper';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/cli/verify-audit.ts', ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

interface Head {
  seq: number;
  hash: string;
  at: string | null;
}

describe('the published audit head (X5)', () => {
  let h: Harness;
  let cookie: string;
  let published: Head;
  beforeEach(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
    const { token } = await h.enroll(['st-mill-1']);
    const op = await pendingOpAt(h.store, 'st-mill-1');
    await h.push({ token }, 'client-h-1', [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-op-nguyen' },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-h1', operationId: op.id, good: 4, scrap: 0 }, actorId: 'u-op-nguyen' },
      { id: 3, name: 'addNote', args: { id: 'note-h1', stationId: 'st-mill-1', text: 'coolant low' }, actorId: 'u-op-nguyen' },
    ]);
    published = (await (await h.req('/api/audit/head', { cookie })).json()) as Head;
  });
  afterEach(() => h.close());

  const verify = async (head?: Head) => {
    const q = head ? `?head=${head.seq}:${head.hash}` : '';
    return (await (await h.req(`/api/audit/verify${q}`, { cookie })).json()) as Record<string, unknown>;
  };
  const dropTail = (links: number) => tamper(h.file, (db) => db.prepare('DELETE FROM audit WHERE seq > ?').run(published.seq - links));

  it('[X5] GET /api/audit/head gives the newest link: seq, hash and its server time', async () => {
    const last = (await h.store.lastAudit())!;
    expect(published).toEqual({ seq: last.seq, hash: last.hash, at: (JSON.parse(last.entry) as { serverAt: string }).serverAt });
    expect(published.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('[X5] verify against the published head passes, and still passes once the chain has grown', async () => {
    expect(await verify(published)).toMatchObject({ ok: true, headCheck: { ok: true } });
    await h.push({ cookie }, 'console-h-1', [{ id: 1, name: 'launchRocket', actorId: 'u-coordinator' }]);
    expect(await verify(published)).toMatchObject({ ok: true, entries: published.seq + 1, headCheck: { ok: true } });
  });

  it('[X5] a truncated tail is detected against the published head, though the chain left is intact', async () => {
    dropTail(2);
    const r = await verify(published);
    expect(r).toMatchObject({ ok: false, entries: published.seq - 2, headCheck: { ok: false, problem: 'truncated' } });
    expect(r.brokenAt).toBeUndefined();
  });

  it('[X5] a chain rewritten end to end (same length, valid links) is detected against the published head', async () => {
    // Hide that the note was written from the mill's tablet: every link after it is re-hashed.
    tamper(h.file, (db) => rewriteChain(db, published.seq, (e) => void (e.stationIds = [])));
    const r = await verify(published);
    expect(r).toMatchObject({ ok: false, entries: published.seq, headCheck: { ok: false, problem: 'rewritten' } });
    expect(r.brokenAt).toBeUndefined();
  });

  it('[X3][X5] the read-only auditor reads the head, verifies and exports; a device does not', async () => {
    const now = new Date(h.clock.now()).toISOString();
    const passwordHash = await hashPassword('audit-pass-1');
    await h.store.transaction(async (tx) => {
      const user = { id: 'u-auditor', name: 'Ana Auditor', badge: 'A0001', role: 'auditor', stationIds: [], pin: null, active: true };
      await putAuditedRecords(tx, [toRecordWrite('users', user, await tx.nextVersion(), now)], 'createUser', now);
      await tx.upsertConsoleUser({ userId: 'u-auditor', username: 'auditor', passwordHash });
    });
    const auditor = await h.signIn('auditor', 'audit-pass-1');
    expect(await (await h.req('/api/audit/head', { cookie: auditor })).json()).toMatchObject({ seq: published.seq + 1 });
    expect(await (await h.req(`/api/audit/verify?head=${published.seq}:${published.hash}`, { cookie: auditor })).json()).toMatchObject({ ok: true });
    expect((await h.req('/api/audit/export', { cookie: auditor })).status).toBe(200);
    const { token } = await h.enroll(['st-lathe-1']);
    expect((await h.req('/api/audit/head', { token })).status).toBe(403);
  });

  it('[X5] a malformed head is a 400 invalid-request, not a finding', async () => {
    for (const q of ['12', 'x:y', `3:${'a'.repeat(63)}`, `-1:${'a'.repeat(64)}`]) {
      const res = await h.req(`/api/audit/verify?head=${encodeURIComponent(q)}`, { cookie });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid-request' });
    }
  });

  it('[X5] the export starts with its head, and the CLI verifies it without the server', async () => {
    const text = await (await h.req('/api/audit/export', { cookie })).text();
    expect(JSON.parse(text.split('\n')[0]!)).toEqual({ format: 'floorboard-audit-export/1', head: published });
    const dir = mkdtempSync(join(tmpdir(), 'fb-export-'));
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, text);
    await h.close();
    h = { close: async () => rmSync(dir, { recursive: true, force: true }) } as unknown as Harness; // the server and its file are gone
    const ok = await cli('--file', file, '--head', `${published.seq}:${published.hash}`);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/OK: the chain holds the export header/);
    expect(ok.stdout).toMatch(/OK: the chain holds the published head/);
  });

  it('[X5] the CLI detects an export cut short, and one that does not hold the published head', async () => {
    const text = await (await h.req('/api/audit/export', { cookie })).text();
    const cut = join(h.dir, 'cut.jsonl');
    writeFileSync(cut, text.split('\n').slice(0, -3).join('\n') + '\n');
    expect(await cli('--file', cut)).toMatchObject({ code: 1, stdout: expect.stringMatching(/TRUNCATED: export header/) });
    const headless = join(h.dir, 'headless.jsonl');
    writeFileSync(headless, text.split('\n').slice(1).join('\n'));
    expect(await cli('--file', headless)).toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN: the export does not start with its header/) });
    writeFileSync(headless, '');
    expect(await cli('--file', headless)).toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN: the export has no header/) });
    dropTail(1);
    const shorter = join(h.dir, 'shorter.jsonl');
    writeFileSync(shorter, await (await h.req('/api/audit/export', { cookie })).text());
    const r = await cli('--file', shorter, '--head', `${published.seq}:${published.hash}`);
    expect(r).toMatchObject({ code: 1, stdout: expect.stringMatching(/TRUNCATED: published head/) });
  });

  it('[X5] npm run audit:verify -- --head detects a truncated tail and a rewritten chain in the database', async () => {
    const head = `${published.seq}:${published.hash}`;
    expect(await cli(h.file, '--head', head)).toMatchObject({ code: 0 });
    tamper(h.file, (db) => rewriteChain(db, published.seq - 1, (e) => void (e.flags = ['late'])));
    expect(await cli(h.file, '--head', head)).toMatchObject({ code: 1, stdout: expect.stringMatching(/REWRITTEN: published head/) });
    dropTail(1);
    expect(await cli(h.file, '--head', head)).toMatchObject({ code: 1, stdout: expect.stringMatching(/TRUNCATED: published head/) });
    expect(await cli(h.file, '--head', 'nonsense')).toMatchObject({ code: 2 });
  });
});
