import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Department, ReasonCode, Shift, Station } from '../../shared/schema';
import type { PlantResponse } from '../../shared/protocol';
import { verifyAudit } from '../../server/audit/verify';
import { makeHarness, recordOf, STORES, type Harness } from './harness';

type Change = { entity: string; id: string; deleted?: boolean; value: Record<string, unknown> | null };

/** The audit entries of the console's acts, oldest first. */
async function officeActs(h: Harness): Promise<AuditEntry[]> {
  return (await h.store.auditEntries(0, 10_000)).map((r) => JSON.parse(r.entry) as AuditEntry).filter((e) => e.clientId === 'office');
}

/** What a tablet's first pull (from cursor 0) carries. */
async function firstPull(h: Harness, token: string, clientId: string): Promise<Change[]> {
  const res = await h.req(`/api/sync/pull?clientId=${clientId}&cursor=0`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { changes: Change[] }).changes;
}

/** Pushes one report of 1 scrap for `scrapReason` from a tablet and returns the server's result for it. */
async function reportScrap(h: Harness, token: string, clientId: string, m: { id: number; actorId: string; operationId: string; scrapReason: string }) {
  const args = { id: `qr-${m.id}`, operationId: m.operationId, good: 0, scrap: 1, scrapReason: m.scrapReason };
  const res = await h.push({ token }, clientId, [{ id: m.id, name: 'reportQuantity', actorId: m.actorId, args }]);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { results: { outcome: string; code?: string }[] }).results[0];
}

/** Plant setup (DESIGN §3, F1): what a plant started with `npm start` defines before anyone works. */
describe.each(STORES)('plant setup on an empty plant (%s)', (store) => {
  let h: Harness;
  let coord: string;
  beforeEach(async () => {
    h = await makeHarness({ seed: false, store });
    coord = await h.signIn();
  });
  afterEach(() => h.close());

  const post = (path: string, body: unknown, cookie = coord) => h.req(`/api/plant${path}`, { body, cookie });
  const patch = (path: string, body: unknown) => h.req(`/api/plant${path}`, { method: 'PATCH', body, cookie: coord });
  const plant = async () => (await (await h.req('/api/plant', { cookie: coord })).json()) as PlantResponse;
  async function created<T>(path: string, body: unknown, key: string): Promise<T> {
    const before = h.pokesSeen.length;
    const res = await post(path, body);
    expect(res.status, await res.clone().text()).toBe(201);
    // Plant-wide records: each creation pokes every tablet.
    expect(h.pokesSeen.slice(before).some((p) => p.scopes.includes('*'))).toBe(true);
    return ((await res.json()) as Record<string, T>)[key]!;
  }
  /** One record of each kind, as both [A4] cases define them from nothing (the department's name with spaces to trim). */
  async function oneOfEach() {
    const dep = await created<Department>('/departments', { name: ' Machining ' }, 'department');
    const st = await created<Station>('/stations', { name: 'Mill 1', departmentId: dep.id, line: 'Cell A' }, 'station');
    const rc = await created<ReasonCode>('/reasons', { kind: 'scrap', code: 'DIM', label: 'Out of tolerance' }, 'reasonCode');
    const night = await created<Shift>('/shifts', { name: 'Night', start: '22:00', end: '06:00', plannedBreakMinutes: 45 }, 'shift');
    return { dep, st, rc, night };
  }

  it('[A4] from nothing: a department, a station, a scrap reason and a shift, listed, audited, and pulled by the new tablet', async () => {
    expect(await plant()).toEqual({ departments: [], stations: [], reasonCodes: [], shifts: [] });
    const { dep, st, rc, night } = await oneOfEach();
    expect(dep).toMatchObject({ name: 'Machining', id: expect.stringMatching(/^dep-/) });
    expect(st).toMatchObject({ name: 'Mill 1', departmentId: dep.id, line: 'Cell A', id: expect.stringMatching(/^st-/) });
    expect(st.version).toBeGreaterThan(0);

    const p = await plant();
    expect(p.departments.map((d) => d.name)).toEqual(['Machining']);
    expect(p.stations).toEqual([st]);
    expect(p.reasonCodes).toEqual([rc]);
    expect(p.shifts).toEqual([night]);

    // A device for the new station, and its first pull carries the plant it needs.
    const { token } = await h.enroll([st.id], 'Mill tablet');
    const changes = await firstPull(h, token, 'mill-tablet-01');
    for (const [entity, id] of [
      ['departments', dep.id],
      ['stations', st.id],
      ['reasonCodes', rc.id],
      ['shifts', night.id],
    ]) {
      expect(
        changes.some((c) => c.entity === entity && c.id === id),
        `${entity} ${id}`,
      ).toBe(true);
    }
    expect((await officeActs(h)).map((e) => e.mutation)).toEqual(['createDepartment', 'createStation', 'createReasonCode', 'createShift']);
    expect((await officeActs(h)).every((e) => e.actorId === 'u-coordinator' && e.deviceId === 'console')).toBe(true);
    const report = await verifyAudit(h.store);
    expect(report.ok, JSON.stringify(report.state.findings)).toBe(true);
  });

  it('[A2] an operator added for the new station reports 1 scrap with the new reason from its tablet; an unknown reason is rejected', async () => {
    const dep = await created<{ id: string }>('/departments', { name: 'Machining' }, 'department');
    const st = await created<Station>('/stations', { name: 'Mill 1', departmentId: dep.id }, 'station');
    await created('/reasons', { kind: 'scrap', code: 'DIM', label: 'Out of tolerance' }, 'reasonCode');
    const person = await h.req('/api/people', { cookie: coord, body: { name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: [st.id] } });
    expect(person.status).toBe(201);
    // Work orders come from the ERP (I1), which has no route yet: one operation written as the seed writes.
    const { writeGroups } = await import('../../server/seed/write');
    const now = new Date(h.clock.now()).toISOString();
    await h.store.transaction((tx) =>
      writeGroups(
        tx,
        [
          [
            {
              entity: 'workOrders',
              value: {
                id: 'wo-1',
                number: 'WO-1',
                partNumber: 'P-1',
                description: 'Bracket',
                revision: 'A',
                quantity: 10,
                dueAt: now,
                priority: 1,
                status: 'released',
                operationCount: 1,
                stationIds: [st.id],
              },
            },
            {
              entity: 'operations',
              value: {
                id: 'op-1',
                workOrderId: 'wo-1',
                seq: 10,
                stationId: st.id,
                name: 'Mill',
                idealCycleSeconds: 60,
                status: 'pending',
                good: 0,
                scrap: 0,
                lastChange: null,
              },
            },
          ],
        ],
        now,
      ),
    );
    const { token } = await h.enroll([st.id]);
    const userId = ((await person.json()) as { person: { id: string } }).person.id;
    const push = (id: number, scrapReason: string) => reportScrap(h, token, 'mill-tablet-02', { id, actorId: userId, operationId: 'op-1', scrapReason });
    expect(await push(1, 'DIM')).toMatchObject({ outcome: 'applied' });
    expect(await push(2, 'NOPE')).toMatchObject({ outcome: 'rejected', code: 'unknown-scrap-reason' });
    expect(await recordOf(h.store, 'operations', 'op-1')).toMatchObject({ scrap: 1 });
  });

  it('refused in words, nothing written: names taken in any case, unknown department, codes taken per kind (retired too), shift rules', async () => {
    const dep = await created<{ id: string }>('/departments', { name: 'Machining' }, 'department');
    await created('/stations', { name: 'Mill 1', departmentId: dep.id }, 'station');
    const dim = await created<ReasonCode>('/reasons', { kind: 'scrap', code: 'DIM', label: 'Out of tolerance' }, 'reasonCode');
    await created('/shifts', { name: 'Day', start: '06:00', end: '14:00', plannedBreakMinutes: 30 }, 'shift');
    expect((await post(`/reasons/${dim.id}/retire`, {})).status).toBe(200);
    const head = await h.store.head();
    const cases: [string, unknown, number, string][] = [
      ['/departments', { name: 'machining' }, 409, 'department-name-taken'],
      ['/departments', { name: '  ' }, 400, 'invalid-request'],
      ['/stations', { name: 'MILL 1', departmentId: dep.id }, 409, 'station-name-taken'],
      ['/stations', { name: 'Lathe', departmentId: 'dep-nowhere' }, 400, 'unknown-department'],
      ['/reasons', { kind: 'scrap', code: 'dim', label: 'Again' }, 409, 'reason-code-taken'],
      ['/reasons', { kind: 'scrap', code: 'has space', label: 'x' }, 400, 'invalid-request'],
      ['/reasons', { kind: 'coffee', code: 'X', label: 'x' }, 400, 'invalid-request'],
      ['/shifts', { name: 'day', start: '14:00', end: '22:00', plannedBreakMinutes: 0 }, 409, 'shift-name-taken'],
      ['/shifts', { name: 'Swing', start: '14:00', end: '14:00', plannedBreakMinutes: 0 }, 400, 'shift-times-equal'],
      ['/shifts', { name: 'Swing', start: '23:00', end: '01:00', plannedBreakMinutes: 120 }, 400, 'break-too-long'],
      ['/shifts', { name: 'Swing', start: '24:00', end: '06:00', plannedBreakMinutes: 0 }, 400, 'invalid-request'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await post(path, body);
      const err = (await res.json()) as { code: string; message: string };
      expect([res.status, err.code], `${path} ${JSON.stringify(body)}`).toEqual([status, code]);
      expect(err.message.length).toBeGreaterThan(5);
    }
    expect(await h.store.head()).toBe(head);
    // The same code under another kind is another reason.
    await created('/reasons', { kind: 'downtime-unplanned', code: 'dim', label: 'Dimming lights' }, 'reasonCode');
  });

  it('edits: rename a department, move a station, relabel a reason, change a shift across midnight, remove a shift (gone from the tablets)', async () => {
    const a = await created<{ id: string }>('/departments', { name: 'Machining' }, 'department');
    const b = await created<{ id: string }>('/departments', { name: 'Assembly' }, 'department');
    const st = await created<Station>('/stations', { name: 'Mill 1', departmentId: a.id }, 'station');
    const rc = await created<ReasonCode>('/reasons', { kind: 'changeover', code: 'SETUP', label: 'Setup' }, 'reasonCode');
    const sh = await created<Shift>('/shifts', { name: 'Late', start: '14:00', end: '22:00', plannedBreakMinutes: 30 }, 'shift');
    expect(await (await patch(`/departments/${a.id}`, { name: 'CNC Machining' })).json()).toMatchObject({ department: { name: 'CNC Machining' } });
    expect(await (await patch(`/stations/${st.id}`, { departmentId: b.id, line: 'Line 2', name: 'Mill One' })).json()).toMatchObject({
      station: { departmentId: b.id, line: 'Line 2', name: 'Mill One' },
    });
    expect(await (await patch(`/reasons/${rc.id}`, { label: 'Setup / changeover', code: 'X' })).json()).toMatchObject({
      reasonCode: { code: 'SETUP', label: 'Setup / changeover' },
    });
    expect(await (await patch(`/shifts/${sh.id}`, { start: '22:00', end: '06:00' })).json()).toMatchObject({
      shift: { start: '22:00', end: '06:00', plannedBreakMinutes: 30 },
    });
    expect(await (await patch(`/shifts/${sh.id}`, { plannedBreakMinutes: 480 })).json()).toMatchObject({ code: 'break-too-long' });
    expect(await (await patch(`/stations/${st.id}`, { departmentId: 'dep-x' })).json()).toMatchObject({ code: 'unknown-department' });
    expect((await patch('/shifts/shift-nope', { name: 'X' })).status).toBe(404);

    const { token } = await h.enroll([st.id]);
    expect((await h.req(`/api/plant/shifts/${sh.id}`, { method: 'DELETE', cookie: coord })).status).toBe(204);
    expect((await plant()).shifts).toEqual([]);
    expect((await firstPull(h, token, 'mill-tablet-03')).find((c) => c.entity === 'shifts' && c.id === sh.id)).toMatchObject({ deleted: true, value: null });
    expect((await h.req(`/api/plant/shifts/${sh.id}`, { method: 'DELETE', cookie: coord })).status).toBe(404);
    const report = await verifyAudit(h.store);
    expect(report.ok, JSON.stringify(report.state.findings)).toBe(true);
  });

  it('[A4] edits with the values already stored write nothing: same version, no audit link, no change to pull, no poke', async () => {
    const { dep, st, rc, night: sh } = await oneOfEach();
    const links = (await officeActs(h)).length;
    const head = await h.store.head();
    const pokes = h.pokesSeen.length;
    const cases: [string, unknown, string, { id: string; version: number }][] = [
      [`/departments/${dep.id}`, { name: 'Machining' }, 'department', dep],
      [`/departments/${dep.id}`, { name: ' Machining ' }, 'department', dep], // trimmed on the way in
      [`/stations/${st.id}`, { name: 'Mill 1', departmentId: dep.id, line: 'Cell A' }, 'station', st],
      [`/stations/${st.id}`, { line: 'Cell A' }, 'station', st],
      [`/stations/${st.id}`, {}, 'station', st],
      [`/reasons/${rc.id}`, { label: 'Out of tolerance' }, 'reasonCode', rc],
      [`/shifts/${sh.id}`, { name: 'Night', start: '22:00', end: '06:00', plannedBreakMinutes: 45 }, 'shift', sh],
      [`/shifts/${sh.id}`, { plannedBreakMinutes: 45 }, 'shift', sh],
      [`/shifts/${sh.id}`, {}, 'shift', sh],
    ];
    for (const [path, body, key, record] of cases) {
      const res = await patch(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(200);
      expect(await res.json(), `${path} ${JSON.stringify(body)}`).toEqual({ [key]: record });
    }
    expect((await recordOf<Department>(h.store, 'departments', dep.id))!.version).toBe(dep.version);
    expect((await recordOf<Station>(h.store, 'stations', st.id))!.version).toBe(st.version);
    expect((await recordOf<ReasonCode>(h.store, 'reasonCodes', rc.id))!.version).toBe(rc.version);
    expect((await recordOf<Shift>(h.store, 'shifts', sh.id))!.version).toBe(sh.version);
    expect((await officeActs(h)).length).toBe(links);
    expect(await h.store.head()).toBe(head);
    expect(h.pokesSeen.length).toBe(pokes);
    // A real change still writes.
    expect(await (await patch(`/shifts/${sh.id}`, { plannedBreakMinutes: 30 })).json()).toMatchObject({ shift: { plannedBreakMinutes: 30 } });
    expect((await officeActs(h)).map((e) => e.mutation).slice(links)).toEqual(['updateShift']);
  });

  it('[A3] only coordinators and admins at the console: a tablet and a planner get 403, strangers 401, nothing written', async () => {
    const dep = await created<{ id: string }>('/departments', { name: 'Machining' }, 'department');
    const st = await created<Station>('/stations', { name: 'Mill 1', departmentId: dep.id }, 'station');
    const { token } = await h.enroll([st.id]);
    expect((await h.req('/api/users', { cookie: coord, body: { username: 'pat', name: 'Pat', role: 'planner', password: 'long-enough-pass-1' } })).status).toBe(
      201,
    );
    const planner = await h.signIn('pat', 'long-enough-pass-1');
    const head = await h.store.head();
    for (const auth of [{ token }, { cookie: planner }]) {
      expect((await h.req('/api/plant', auth)).status).toBe(403);
      expect((await h.req('/api/plant/departments', { body: { name: 'X' }, ...auth })).status).toBe(403);
      expect((await h.req(`/api/plant/stations/${st.id}/retire`, { method: 'POST', ...auth })).status).toBe(403);
      expect((await h.req(`/api/plant/stations/${st.id}/restore`, { method: 'POST', ...auth })).status).toBe(403);
    }
    expect((await h.req('/api/plant')).status).toBe(401);
    expect((await h.req('/api/plant/reasons', { body: { kind: 'scrap', code: 'X', label: 'x' } })).status).toBe(401);
    expect(await h.store.head()).toBe(head);
  });
});

describe.each(STORES)('on the demo plant (%s)', (store) => {
  let h: Harness;
  let coord: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    coord = await h.signIn();
  });
  afterEach(() => h.close());
  const act = (path: string) => h.req(`/api/plant${path}`, { method: 'POST', cookie: coord });
  /** A new station in the demo's assembly department, used by nothing yet. */
  async function newStation(name: string): Promise<Station> {
    const res = await h.req('/api/plant/stations', { cookie: coord, body: { name, departmentId: 'dep-assembly' } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { station: Station }).station;
  }

  describe('retiring', () => {
    const retire = (id: string) => act(`/stations/${id}/retire`);

    it('a station in use is not retired, and the answer says what uses it; once free it retires, stays for history and takes nothing new', async () => {
      const { deviceId } = await h.enroll(['st-test-1'], 'Test bench tablet');
      const busy = await retire('st-test-1');
      expect(busy.status).toBe(409);
      const err = (await busy.json()) as { code: string; message: string };
      expect(err.code).toBe('station-in-use');
      expect(err.message).toMatch(/^Functional Test Bench is still used by the device Test bench tablet; /);
      expect(err.message).toMatch(/; the (person|people) .*; the open operations WO-/);
      expect(err.message).toMatch(
        /revoke the device or give it other stations, move the (person|people) to other stations and finish the operations, then retire it$/,
      );
      expect(await recordOf<Station>(h.store, 'stations', 'st-test-1')).not.toHaveProperty('retired');

      // A new station, used only by a device: revoked, the station retires.
      const st = await newStation('Leak test');
      const dev = await h.enroll([st.id], 'Leak tablet');
      expect(((await (await retire(st.id)).json()) as { message: string }).message).toBe(
        'Leak test is still used by the device Leak tablet: revoke the device or give it other stations, then retire it',
      );
      expect((await h.req(`/api/devices/${dev.deviceId}`, { method: 'DELETE', cookie: coord })).status).toBe(204);
      const ok = await retire(st.id);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ station: { id: st.id, retired: true } });
      expect((await retire(st.id)).status).toBe(200); // already retired: nothing new
      // It stays listed (history names it), but takes no new device or person.
      expect((await (await h.req('/api/plant', { cookie: coord })).json()).stations.find((s: Station) => s.id === st.id)).toMatchObject({ retired: true });
      expect(await (await h.req('/api/devices', { cookie: coord, body: { name: 'Again', stationIds: [st.id] } })).json()).toMatchObject({
        code: 'station-retired',
      });
      expect(
        await (await h.req('/api/people', { cookie: coord, body: { name: 'X', badge: 'B9999', role: 'operator', stationIds: [st.id] } })).json(),
      ).toMatchObject({
        code: 'station-retired',
      });
      expect(deviceId).toBeTruthy();
      expect((await verifyAudit(h.store)).ok).toBe(true);
    });

    it('a retired scrap reason: still accepted from a tablet that reported with it offline (C1), listed as retired', async () => {
      const { token } = await h.enroll(['st-mill-1']);
      const res = await act('/reasons/rc-dim/retire');
      expect(await res.json()).toMatchObject({ reasonCode: { code: 'DIM', retired: true } });
      const op = (await h.store.listRecords('operations'))
        .map((r) => JSON.parse(r.value) as { id: string; stationId: string })
        .find((o) => o.stationId === 'st-mill-1')!;
      expect(await reportScrap(h, token, 'mill-client-r', { id: 1, actorId: 'u-op-nguyen', operationId: op.id, scrapReason: 'DIM' })).toMatchObject({
        outcome: 'applied',
      });
    });
  });

  /** A coordinator who retired a station or a reason by mistake puts it back. */
  describe('restoring', () => {
    it('[A4] a retired station is restored: audited, in use again for the tablets, and takes a new device again', async () => {
      const st = await newStation('Leak test');
      expect((await act(`/stations/${st.id}/retire`)).status).toBe(200);
      const before = h.pokesSeen.length;
      const res = await act(`/stations/${st.id}/restore`);
      expect(res.status).toBe(200);
      const { station } = (await res.json()) as { station: Station };
      expect(station).toMatchObject({ id: st.id, name: 'Leak test' });
      expect(station).not.toHaveProperty('retired');
      expect(await recordOf<Station>(h.store, 'stations', st.id)).not.toHaveProperty('retired');
      expect(h.pokesSeen.slice(before).some((p) => p.scopes.includes('*'))).toBe(true);
      expect((await officeActs(h)).slice(-2).map((e) => [e.mutation, e.args, e.actorId])).toEqual([
        ['retireStation', { stationId: st.id, name: 'Leak test' }, 'u-coordinator'],
        ['restoreStation', { stationId: st.id, name: 'Leak test' }, 'u-coordinator'],
      ]);
      // Offered again: a device can be made for it, and its tablet pulls it in use.
      const made = await h.req('/api/devices', { cookie: coord, body: { name: 'Leak tablet', stationIds: [st.id] } });
      expect(made.status, await made.clone().text()).toBe(201);
      const { token } = await h.enroll([st.id], 'Leak tablet 2');
      const change = (await firstPull(h, token, 'leak-tablet-01')).find((c) => c.entity === 'stations' && c.id === st.id);
      expect(change?.value).toMatchObject({ id: st.id, name: 'Leak test' });
      expect(change?.value).not.toHaveProperty('retired');
      const report = await verifyAudit(h.store);
      expect(report.ok, JSON.stringify(report.state.findings)).toBe(true);
    });

    it('a retired reason is restored: audited, and the tablets see it offered again', async () => {
      expect((await act('/reasons/rc-dim/retire')).status).toBe(200);
      const res = await act('/reasons/rc-dim/restore');
      expect(res.status).toBe(200);
      const { reasonCode } = (await res.json()) as { reasonCode: ReasonCode };
      expect(reasonCode).toMatchObject({ id: 'rc-dim', code: 'DIM' });
      expect(reasonCode).not.toHaveProperty('retired');
      expect((await officeActs(h)).at(-1)).toMatchObject({
        mutation: 'restoreReasonCode',
        args: { reasonCodeId: 'rc-dim', code: 'DIM' },
        actorId: 'u-coordinator',
      });
      const { token } = await h.enroll(['st-mill-1']);
      const change = (await firstPull(h, token, 'mill-client-rr')).find((c) => c.entity === 'reasonCodes' && c.id === 'rc-dim');
      expect(change?.value).toMatchObject({ code: 'DIM' });
      expect(change?.value).not.toHaveProperty('retired');
      expect((await verifyAudit(h.store)).ok).toBe(true);
    });

    it('refused in words, nothing written: restoring a station or a reason that is not retired (409), or one that does not exist (404)', async () => {
      const head = await h.store.head();
      const cases: [string, number, string, RegExp][] = [
        ['/stations/st-mill-1/restore', 409, 'station-not-retired', /is not retired, so there is nothing to restore$/],
        ['/reasons/rc-dim/restore', 409, 'reason-not-retired', /^the reason DIM is not retired, so there is nothing to restore$/],
        ['/stations/st-nowhere/restore', 404, 'not-found', /st-nowhere/],
        ['/reasons/rc-nowhere/restore', 404, 'not-found', /rc-nowhere/],
      ];
      for (const [path, status, code, message] of cases) {
        const res = await act(path);
        const err = (await res.json()) as { code: string; message: string };
        expect([res.status, err.code], path).toEqual([status, code]);
        expect(err.message).toMatch(message);
      }
      expect(await h.store.head()).toBe(head);
      // Restored once, a second restore (a double tap) is refused too: one restore in the chain.
      expect((await act('/reasons/rc-dim/retire')).status).toBe(200);
      expect((await act('/reasons/rc-dim/restore')).status).toBe(200);
      const restored = await h.store.head();
      expect(await (await act('/reasons/rc-dim/restore')).json()).toMatchObject({ code: 'reason-not-retired' });
      expect(await h.store.head()).toBe(restored);
      expect((await officeActs(h)).filter((e) => e.mutation === 'restoreReasonCode')).toHaveLength(1);
    });
  });
});
