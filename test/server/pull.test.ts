import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../shared/protocol';
import { pullJson } from '../../server/sync/pull';
import type { Principal } from '../../server/sync/principal';
import { seedLargePlant } from '../../server/seed/large';
import { makeHarness, STORES, type Harness } from './harness';
import { pendingOpAt } from './fixtures';
import { verifyAudit } from '../../server/audit/verify';
import { purgeChangeLog } from '../../server/sync/retention';
import { removeRecords } from './tombstones';

type Page = { cursor: number; lastMutationId: number; more: boolean; changes: Change[] };

describe.each(STORES)('pull (%s)', (store) => {
  let h: Harness;
  let token: string;
  let deviceId: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    ({ token, deviceId } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  const pull = async (auth: { token?: string; cookie?: string }, cursor = 0, clientId = 'client-a-1') => {
    const res = await h.req(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, auth);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it('[S6] a device never sees operations of another station', async () => {
    const page = await pull({ token });
    const ops = page.changes.filter((c) => c.entity === 'operations');
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((c) => c.value?.stationId === 'st-mill-1')).toBe(true);
    const console = await pull({ cookie: await h.signIn() }, 0, 'console-1');
    expect(console.changes.filter((c) => c.entity === 'operations').some((c) => c.value?.stationId !== 'st-mill-1')).toBe(true);
  });

  it('[S6] a device gets plant-wide records but no audit entries and no other device rejections', async () => {
    const other = await h.enroll(['st-mill-1'], 'Other tablet');
    await h.push({ token: other.token }, 'client-b-1', [{ id: 1, name: 'launchRocket', actorId: 'u-op-nguyen' }]);
    await h.push({ token }, 'client-a-1', [{ id: 1, name: 'launchRocket', actorId: 'u-op-nguyen' }]);
    const page = await pull({ token });
    const entities = new Set(page.changes.map((c) => c.entity));
    expect(entities.has('stations')).toBe(true);
    expect(entities.has('reasonCodes')).toBe(true);
    expect(entities.has('audit')).toBe(false);
    const rejections = page.changes.filter((c) => c.entity === 'rejections');
    expect(rejections.map((r) => r.id)).toEqual(['client-a-1:1']);
    expect(rejections[0]!.value?.deviceId).toBe(deviceId);
    // Users are scoped too: the lathe-only operator is not on the mill tablet's roster.
    const users = page.changes.filter((c) => c.entity === 'users').map((c) => c.id);
    expect(users).toContain('u-op-nguyen');
    expect(users).not.toContain('u-op-kowalski');
  });

  it('[S6] changes come in version order, value is the full record, and the cursor resumes', async () => {
    const page = await pull({ token });
    const versions = page.changes.map((c) => c.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const c of page.changes) expect(c.value).toMatchObject({ id: c.id, version: c.version, updatedAt: expect.any(String) });
    expect(page.more).toBe(false);
    expect(page.cursor).toBe(await h.store.head());
    const op = await pendingOpAt(h.store, 'st-mill-1');
    await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-op-nguyen' }]);
    const next = await pull({ token }, page.cursor);
    expect(next.lastMutationId).toBe(1);
    expect(next.changes.map((c) => `${c.entity}/${c.id}`)).toContain(`operations/${op.id}`);
    expect(next.changes.every((c) => c.version > page.cursor)).toBe(true);
  });

  it('[S6] a cursor ahead of the server (restored database) answers reset', async () => {
    const head = await h.store.head();
    const res = await h.req(`/api/sync/pull?clientId=client-a-1&cursor=${head + 1}`, { token });
    expect((await res.json()) as PullResponse).toEqual({ reset: true });
  });

  it('[S6][D4] a cursor older than the retained change log answers reset; one within it pulls a normal page', async () => {
    const note = (id: string) => ({ id: 1, name: 'addNote', args: { id, stationId: 'st-mill-1', text: id }, actorId: 'u-op-nguyen' });
    expect((await h.push({ token }, 'client-a-1', [note('n-1')])).status).toBe(200);
    const before = await h.store.head();
    const gone = await removeRecords(h.store, h.clock, [{ entity: 'notes', id: 'n-1' }]);
    const after = await h.store.head();
    expect((await pull({ token }, before)).changes).toEqual([expect.objectContaining({ entity: 'notes', id: 'n-1', deleted: true, version: gone })]);
    h.clock.advance(29 * 86_400_000);
    expect(await purgeChangeLog(h.store, h.clock)).toEqual({ purged: 0, retainedFrom: 0 });
    h.clock.advance(2 * 86_400_000);
    expect(await purgeChangeLog(h.store, h.clock)).toEqual({ purged: 1, retainedFrom: gone });
    const stale = await h.req(`/api/sync/pull?clientId=client-a-1&cursor=${before}`, { token });
    expect(await stale.json()).toEqual({ reset: true });
    expect(await pull({ token }, gone - 1)).toEqual({ reset: true });
    expect(await pull({ token }, gone)).toMatchObject({ cursor: after, more: false, changes: [] });
    // Cursor 0 is a full pull, never a reset: the note is simply not there.
    const full = await pull({ token }, 0);
    expect(full.changes.some((c) => c.id === 'n-1')).toBe(false);
    // The chain keeps the deletion's link; the records it explains are what the store serves (A4).
    const report = await verifyAudit(h.store);
    expect(report.state).toMatchObject({ ok: true, findings: [] });
    expect(report.ok).toBe(true);
  });

  it('[S6] a bad cursor or client id is 400 invalid-request', async () => {
    for (const q of ['clientId=client-a-1&cursor=-1', 'clientId=client-a-1&cursor=abc', 'clientId=x&cursor=0']) {
      const res = await h.req(`/api/sync/pull?${q}`, { token });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid-request' });
    }
  });

  it('[S6] paging never splits a version across pages, even a version larger than a page', async () => {
    const principal: Principal = { kind: 'console', deviceId: 'console', userId: 'u-coordinator', role: 'coordinator' };
    const full = JSON.parse(await pullJson(h.store, principal, { clientId: 'c-paging-1', cursor: 0 })) as Page;
    const pages: Page[] = [];
    let cursor = 0;
    for (let i = 0; i < 200; i++) {
      const p = JSON.parse(await pullJson(h.store, principal, { clientId: 'c-paging-1', cursor, pageSize: 7 })) as Page;
      pages.push(p);
      cursor = p.cursor;
      if (!p.more) break;
    }
    expect(pages.length).toBeGreaterThan(3);
    for (let i = 1; i < pages.length; i++) {
      const prevMax = Math.max(...pages[i - 1]!.changes.map((c) => c.version));
      expect(pages[i]!.changes.every((c) => c.version > prevMax)).toBe(true);
    }
    // The plant's records share one version (30 of them): that page is larger than 7, and whole.
    expect(Math.max(...pages.map((p) => p.changes.length))).toBeGreaterThan(7);
    expect(pages.flatMap((p) => p.changes)).toEqual(full.changes);
  });

  it('[S6] a pull larger than PULL_PAGE_SIZE pages through the HTTP route', async () => {
    await seedLargePlant(h.store, { workOrders: 1_200, clock: h.clock });
    const cookie = await h.signIn();
    let cursor = 0;
    let pages = 0;
    let total = 0;
    for (;;) {
      const p = await pull({ cookie }, cursor, 'console-1');
      pages++;
      total += p.changes.length;
      cursor = p.cursor;
      if (!p.more) break;
    }
    expect(pages).toBeGreaterThan(1);
    expect(total).toBe(await h.store.countRecords());
  });

  it('[S8] the event stream opens with a poke and pokes on a commit that concerns the device', async () => {
    const res = await h.req('/api/sync/events', { token });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const text = async () => new TextDecoder().decode((await reader.read()).value);
    expect(await text()).toContain(`event: poke\ndata: {"cursor":${await h.store.head()}}`);
    const op = await pendingOpAt(h.store, 'st-mill-1');
    await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-op-nguyen' }]);
    expect(await text()).toContain(`data: {"cursor":${await h.store.head()}}`);
    await reader.cancel();
  });

  it('[S8] the event stream needs a token or a session', async () => {
    expect((await h.req('/api/sync/events')).status).toBe(401);
  });
});
