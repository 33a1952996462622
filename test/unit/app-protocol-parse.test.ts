import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApi } from '../../app/session/console-api';
import { makeHarness, type Harness } from '../server/harness';
import { makeTablet } from '../sync/fakes/tablet';

/** The browser's fetch for the console's same-origin calls: the real app in-process, with a cookie jar. */
function sameOrigin(h: Harness, junk?: { path: string; body: unknown }) {
  let cookie = '';
  return async (input: string | URL | Request, init?: RequestInit) => {
    const path = String(input);
    if (junk && path === junk.path) return new Response(JSON.stringify(junk.body), { status: 200, headers: { 'content-type': 'application/json' } });
    const res = await h.app.request(path, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
}

describe('the app parses what the server sends with shared/protocol (STYLE habit 1)', () => {
  let h: Harness;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await h.close();
  });

  it("the console calls read the real server's answers", async () => {
    globalThis.fetch = sameOrigin(h) as typeof fetch;
    const signedIn = await consoleApi.signIn('coordinator', 'coord-pass-1');
    expect(signedIn).toMatchObject({ ok: true, value: { user: { username: 'coordinator' } } });
    expect(await consoleApi.session()).toMatchObject({ ok: true, value: { user: { role: 'coordinator' } } });
    const created = await consoleApi.createDevice('Mill tablet', ['st-mill-1']);
    expect(created.ok && created.value.enrollmentCode.length).toBeGreaterThan(4);
    const list = await consoleApi.devices();
    expect(list.ok && list.value.devices.map((d) => d.name)).toContain('Mill tablet');
    expect(await consoleApi.verifyAudit()).toMatchObject({ ok: true, value: { ok: true } });
    expect(await consoleApi.revokeDevice('dev-none')).toMatchObject({ ok: false, code: 'not-found', status: 404 });
  });

  it('a console answer of the wrong shape is invalid-response, not a cast', async () => {
    globalThis.fetch = sameOrigin(h, { path: '/api/session', body: { user: 42 } }) as typeof fetch;
    expect(await consoleApi.session()).toMatchObject({ ok: false, code: 'invalid-response', status: 200 });
  });

  it('[S7] a push answered 200 without lastMutationId keeps the outbox and says why', async () => {
    const { db, client, server } = await makeTablet();
    await client.syncNow();
    await client.mutate('addNote', { id: 'n1', stationId: 's1', text: 'x' }, 'u-op');
    server.override = { status: 200, body: { results: [] } };
    expect((await client.syncNow()).lastError).toBe('server-invalid-response');
    expect(await db.outbox.count()).toBe(1);
    expect(typeof ((await db.meta.get('lastMutationId'))?.value ?? 0)).toBe('number');
  });
});
