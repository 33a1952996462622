import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schema';
import { verifyAudit } from '../../server/audit/verify';
import { makeHarness, recordOf, STORES, type Harness } from './harness';

type Change = { entity: string; id: string; value: Record<string, unknown> | null };

/** A2: the tablets' idle sign-out time is a plant setting the coordinator changes at the console. */
describe.each(STORES)('the plant settings route (%s)', (store) => {
  let h: Harness;
  let coord: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    coord = await h.signIn();
  });
  afterEach(() => h.close());

  const put = (body: unknown, cookie = coord) => h.req('/api/plant/settings', { method: 'PUT', body, cookie });
  const get = async () => (await (await h.req('/api/plant/settings', { cookie: coord })).json()) as { settings: { idleSignOutMinutes: number } };

  it('[A2] reads 15 minutes before any write; a write is stored, audited, poked to every tablet and pulled', async () => {
    expect((await get()).settings).toEqual({ id: 'plant', idleSignOutMinutes: 15 });
    const before = h.pokesSeen.length;
    const res = await put({ idleSignOutMinutes: 5 });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { settings: unknown }).settings).toEqual({ id: 'plant', idleSignOutMinutes: 5 });
    expect((await get()).settings.idleSignOutMinutes).toBe(5);
    expect(await recordOf(h.store, 'plantSettings', 'plant')).toMatchObject({ idleSignOutMinutes: 5 });
    expect(h.pokesSeen.slice(before).some((p) => p.scopes.includes('*'))).toBe(true);

    const acts = (await h.store.auditEntries(0, 10_000)).map((r) => JSON.parse(r.entry) as AuditEntry).filter((e) => e.mutation === 'updatePlantSettings');
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ clientId: 'office', args: { idleSignOutMinutes: 5 } });
    expect((await verifyAudit(h.store)).ok).toBe(true);

    // The same value again writes nothing more.
    expect((await put({ idleSignOutMinutes: 5 })).status).toBe(200);
    expect(
      (await h.store.auditEntries(0, 10_000)).map((r) => JSON.parse(r.entry) as AuditEntry).filter((e) => e.mutation === 'updatePlantSettings'),
    ).toHaveLength(1);

    const { token } = await h.enroll(['st-mill-1'], 'Mill tablet');
    const pull = await h.req('/api/sync/pull?clientId=mill-tablet-09&cursor=0', { token });
    const changes = ((await pull.json()) as { changes: Change[] }).changes;
    expect(changes.find((c) => c.entity === 'plantSettings')?.value).toMatchObject({ id: 'plant', idleSignOutMinutes: 5 });
  });

  it.each([
    [{ idleSignOutMinutes: 0 }],
    [{ idleSignOutMinutes: 481 }],
    [{ idleSignOutMinutes: 2.5 }],
    [{ idleSignOutMinutes: '15' }],
    [{}],
    [{ idleSignOutMinutes: 15, extra: 1 }],
  ])('[A2] refuses %o with 400 and a code, and stores nothing', async (body) => {
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code?: string }).code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(await recordOf(h.store, 'plantSettings', 'plant')).toBeUndefined();
  });

  it('[A3] a tablet cannot change it', async () => {
    const { token } = await h.enroll(['st-mill-1'], 'Mill tablet');
    const res = await h.req('/api/plant/settings', { method: 'PUT', body: { idleSignOutMinutes: 1 }, token });
    expect([401, 403]).toContain(res.status);
    expect(await recordOf(h.store, 'plantSettings', 'plant')).toBeUndefined();
  });
});
