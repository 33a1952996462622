import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ARGS_BYTES, MAX_ARGS_DEPTH, MAX_ENVELOPE_DEPTH } from '../../shared/protocol';
import type { AuditEntry, Note, Rejection } from '../../shared/schema';
import { verifyAuditChain } from '../../server/audit/chain';
import { makeHarness, recordOf, type Harness } from './harness';

const OP = 'u-op-nguyen'; // operator at st-mill-1
const AT = '2026-03-02T10:00:00.000Z';
const note = (id: number, text = `note ${id}`) => ({ id, name: 'addNote', args: { id: `n-${id}`, stationId: 'st-mill-1', text }, actorId: OP });

/** A push body as raw text, for args JSON.stringify could not even produce (5,000 levels deep). */
const rawPush = (clientId: string, mutations: string[]) => `{"protocol":1,"clientId":"${clientId}","mutations":[${mutations.join(',')}]}`;
const rawMutation = (id: number, argsJson: string, name = 'addNote') => `{"id":${id},"name":"${name}","args":${argsJson},"actorId":"${OP}","at":"${AT}"}`;

/** Every stored JSON text, checked by SQLite's own JSON functions (as migrations and the PG store would read it). */
function refusedBySqlite(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const bad: string[] = [];
    const check = (label: string, sql: string) => {
      for (const row of db.prepare(sql).all() as { k: string; valid: number; extracted: unknown }[]) {
        if (row.valid !== 1) bad.push(`${label} ${row.k}`);
      }
    };
    check('record', `SELECT entity || '/' || id AS k, json_valid(value) AS valid, json_extract(value, '$') AS extracted FROM records`);
    check('audit', `SELECT seq AS k, json_valid(entry) AS valid, json_extract(entry, '$.args') AS extracted FROM audit`);
    return bad;
  } finally {
    db.close();
  }
}

describe('push bounds (issue 6)', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  it('[S5] args nested 5,000 levels deep are rejected args-too-deep and the queue moves on', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const res = await h.req('/api/sync/push', { token, raw: rawPush('client-deep-1', [rawMutation(1, deep)]) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ lastMutationId: 1, results: [{ id: 1, outcome: 'rejected', code: 'args-too-deep' }] });
    // The next id is no gap and applies.
    const next = await h.push({ token }, 'client-deep-1', [note(2)]);
    expect(await next.json()).toEqual({ lastMutationId: 2, results: [{ id: 2, outcome: 'applied' }] });
    const rejection = await recordOf<Rejection>(h.store, 'rejections', 'client-deep-1:1');
    expect(rejection?.args).toEqual({ omitted: 'args-too-deep' });
    expect(refusedBySqlite(h.file)).toEqual([]);
    expect((await verifyAuditChain(h.store)).ok).toBe(true);
  });

  it('[S5] args one level beyond MAX_ARGS_DEPTH are rejected; at the bound they reach the schema', async () => {
    const nest = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
    const res = await h.req('/api/sync/push', {
      token,
      raw: rawPush('client-deep-2', [rawMutation(1, nest(MAX_ARGS_DEPTH + 1)), rawMutation(2, nest(MAX_ARGS_DEPTH))]),
    });
    expect((await res.json()).results).toMatchObject([{ code: 'args-too-deep' }, { code: 'invalid-args' }]);
  });

  it('[S5] args over MAX_ARGS_BYTES are rejected args-too-large and kept only as their size and sha256', async () => {
    const big = { id: 'n-big', stationId: 'st-mill-1', text: 'x', padding: 'y'.repeat(MAX_ARGS_BYTES) };
    const res = await h.push({ token }, 'client-big-1', [{ id: 1, name: 'addNote', args: big, actorId: OP }]);
    expect((await res.json()).results).toMatchObject([{ id: 1, outcome: 'rejected', code: 'args-too-large' }]);
    const rejection = await recordOf<Rejection>(h.store, 'rejections', 'client-big-1:1');
    expect(rejection?.args).toMatchObject({ omitted: 'args-too-large', bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const audit = await recordOf<AuditEntry>(h.store, 'audit', 'client-big-1:1');
    expect(audit?.args).toEqual(rejection?.args);
  });

  it('a refused 950 KB args is not stored three times: the push stores a few KB in all', async () => {
    const before = storedBytes(h.file);
    const huge = { operationId: 'op-x', junk: 'z'.repeat(950_000) }; // startOperation by a role… rejected either way
    const res = await h.push({ token }, 'client-huge-1', [{ id: 1, name: 'noSuchMutation', args: huge, actorId: OP }]);
    expect((await res.json()).results).toMatchObject([{ outcome: 'rejected' }]);
    expect(storedBytes(h.file) - before).toBeLessThan(20_000);
  });

  it('a refused mutation with small args keeps them as sent; a large invalid one keeps a summary', async () => {
    const res = await h.push({ token }, 'client-inv-1', [
      { id: 1, name: 'addNote', args: { id: 'n-1', stationId: 'st-mill-1', text: '' }, actorId: OP },
      { id: 2, name: 'addNote', args: { id: 'n-2', stationId: 'st-mill-1', text: 'q'.repeat(10_000) }, actorId: OP },
    ]);
    expect((await res.json()).results).toMatchObject([{ code: 'invalid-args' }, { code: 'invalid-args' }]);
    expect((await recordOf<Rejection>(h.store, 'rejections', 'client-inv-1:1'))?.args).toEqual({ id: 'n-1', stationId: 'st-mill-1', text: '' });
    expect((await recordOf<Rejection>(h.store, 'rejections', 'client-inv-1:2'))?.args).toMatchObject({ omitted: 'args-not-kept', bytes: expect.any(Number) });
  });

  it('an applied mutation stores its parsed args: unknown extra fields are not kept in the audit', async () => {
    // The marker is no hex digit: the audit's hashes cannot contain it by chance.
    const args = { id: 'n-extra', stationId: 'st-mill-1', text: '  hello  ', extra: 'x'.repeat(50_000) };
    const res = await h.push({ token }, 'client-extra-1', [{ id: 1, name: 'addNote', args, actorId: OP }]);
    expect((await res.json()).results).toEqual([{ id: 1, outcome: 'applied' }]);
    const audit = await recordOf<AuditEntry>(h.store, 'audit', 'client-extra-1:1');
    expect(audit?.args).toEqual({ id: 'n-extra', stationId: 'st-mill-1', text: 'hello' });
    expect(JSON.stringify(audit)).not.toContain('xxxx');
    expect((await recordOf<Note>(h.store, 'notes', 'n-extra'))?.text).toBe('hello');
  });

  it('an envelope nested beyond MAX_ENVELOPE_DEPTH outside args is 400 request-too-deep and applies nothing', async () => {
    const deep = '['.repeat(MAX_ENVELOPE_DEPTH) + ']'.repeat(MAX_ENVELOPE_DEPTH);
    const raw = `{"protocol":1,"clientId":"client-env-1","extra":${deep},"mutations":[${JSON.stringify({ ...note(1), at: AT })}]}`;
    const res = await h.req('/api/sync/push', { token, raw });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('request-too-deep');
    expect(await h.store.getClient('client-env-1')).toBeUndefined();
  });

  it('an actor id with a lone surrogate is 400 invalid-text; args with one are rejected args-invalid-text', async () => {
    const bad = await h.req('/api/sync/push', { token, raw: rawPush('client-txt-1', [rawMutation(1, '{}').replace(OP, 'u-\\ud800')]) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('invalid-text');
    const res = await h.req('/api/sync/push', {
      token,
      raw: rawPush('client-txt-1', [
        rawMutation(1, `{"id":"n-s","stationId":"st-mill-1","text":"a\\udc00b"}`),
        rawMutation(2, `{"id":"n-z","stationId":"st-mill-1","text":"a\\u0000b"}`),
        rawMutation(3, `{"id":"n-k","stationId":"st-mill-1","text":"ok","\\ud83d":1}`),
      ]),
    });
    expect((await res.json()).results).toMatchObject([{ code: 'args-invalid-text' }, { code: 'args-invalid-text' }, { code: 'args-invalid-text' }]);
  });

  it('[X4] after hostile pushes every stored row is JSON that SQLite accepts, and the audit chain holds', async () => {
    const hostile = [
      rawMutation(1, '['.repeat(2_000) + ']'.repeat(2_000)),
      rawMutation(2, `{"id":"n-1","stationId":"st-mill-1","text":"\\ud800"}`),
      rawMutation(3, `{"__proto__":{"polluted":true},"id":"n-3","stationId":"st-mill-1","text":"proto"}`),
      rawMutation(4, `{"id":"n-4","stationId":"st-mill-1","text":"big","n":1e999,"m":-1e400,"k":123456789012345678901234567890}`),
      rawMutation(5, `{"__proto__":1,"constructor":{"prototype":{"x":1}}}`, 'noSuchMutation'),
      rawMutation(6, `{"id":"n-6","stationId":"st-mill-1","text":"x","deep":${'{"a":'.repeat(900)}1${'}'.repeat(900)}}`),
      rawMutation(7, `{"id":"n-7","stationId":"st-mill-1","text":"\\ud83d\\ude00 fine"}`),
    ];
    const res = await h.req('/api/sync/push', { token, raw: rawPush('client-hostile-1', hostile) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lastMutationId: number; results: { outcome: string; code?: string }[] };
    expect(body.lastMutationId).toBe(7);
    expect(body.results.map((r) => r.code ?? r.outcome)).toEqual([
      'args-too-deep',
      'args-invalid-text',
      'applied',
      'applied',
      'unknown-mutation',
      'args-too-deep',
      'applied',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(refusedBySqlite(h.file)).toEqual([]);
    expect((await verifyAuditChain(h.store)).ok).toBe(true);
  });
});

/** Bytes of every stored JSON text in the file. */
function storedBytes(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const r = db.prepare('SELECT (SELECT coalesce(sum(length(value)), 0) FROM records) + (SELECT coalesce(sum(length(entry)), 0) FROM audit) AS n').get() as {
      n: number;
    };
    return r.n;
  } finally {
    db.close();
  }
}

describe('bounds of every other request (issue 6)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('a device name with a NUL or a lone surrogate is 400 invalid-text, and no device is made', async () => {
    const cookie = await h.signIn();
    for (const raw of ['{"name":"tab\\u0000let","stationIds":["st-mill-1"]}', '{"name":"tab\\udfffx","stationIds":["st-mill-1"]}']) {
      const res = await h.req('/api/devices', { raw, cookie });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('invalid-text');
    }
    expect(await h.store.listDevices()).toEqual([]);
  });

  it('a body nested beyond MAX_ENVELOPE_DEPTH is 400 request-too-deep on every JSON route', async () => {
    const deep = '['.repeat(2_000) + ']'.repeat(2_000);
    for (const path of ['/api/session', '/api/devices/enroll']) {
      const res = await h.req(path, { raw: `{"code":"ABCDEFGH","username":"a","password":"b","x":${deep}}` });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('request-too-deep');
    }
  });

  it('a pull with a NUL in its client id is 400 invalid-text', async () => {
    const { token } = await h.enroll(['st-mill-1']);
    const res = await h.req('/api/sync/pull?clientId=client-%00-1&cursor=0', { token });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('invalid-text');
  });
});
