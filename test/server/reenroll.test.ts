import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_HEADER, PROTOCOL_VERSION, VERSION_HEADER, type PublicDevice } from '../../shared/protocol';
import type { Operation } from '../../shared/schema';
import { makeHarness, STORES, recordOf, type Harness } from './harness';
import { pendingOpAt } from './fixtures';

const OP = 'u-op-nguyen'; // operator at st-mill-1
const CLIENT = 'client-tablet-1';

/** Re-enrollment carries the outbox over (issue 7 part 8; docs/sync.md, "Enrolling again"). */
describe.each(STORES)('enrolling a tablet again (%s)', (store) => {
  let h: Harness;
  let cookie: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    cookie = await h.signIn();
  });
  afterEach(async () => h.close());

  const newCode = async (name = 'Mill tablet') =>
    (await (await h.req('/api/devices', { body: { name, stationIds: ['st-mill-1'] }, cookie })).json()) as { deviceId: string; enrollmentCode: string };
  const enrollWith = (code: string, previous?: unknown) => h.req('/api/devices/enroll', { body: previous ? { code, previous } : { code } });
  const pushAs = (token: string, mutations: { id: number; name: string; args: unknown }[], outbox = mutations.length) =>
    h.req('/api/sync/push', {
      token,
      headers: { [OUTBOX_HEADER]: String(outbox), [VERSION_HEADER]: '1.4.2' },
      body: {
        protocol: PROTOCOL_VERSION,
        clientId: CLIENT,
        mutations: mutations.map((m) => ({ ...m, actorId: OP, at: new Date(h.clock.now()).toISOString() })),
      },
    });
  const devices = async () => ((await (await h.req('/api/devices', { cookie })).json()) as { devices: PublicDevice[] }).devices;

  it('[S2] the new device takes over the client: what was applied is skipped, the rest applies once', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const first = await newCode();
    const a = (await (await enrollWith(first.enrollmentCode)).json()) as { deviceId: string; token: string };
    const start = { id: 1, name: 'startOperation', args: { operationId: op.id } };
    const report = { id: 2, name: 'reportQuantity', args: { id: 'qr-reenroll', operationId: op.id, good: 4, scrap: 0 } };
    expect((await pushAs(a.token, [start])).status).toBe(200);
    expect((await h.req(`/api/devices/${a.deviceId}`, { method: 'DELETE', cookie })).status).toBe(204);
    // Revoked: refused, and the console sees the device stuck with its waiting change.
    expect((await pushAs(a.token, [start, report], 1)).status).toBe(401);
    const stuck = (await devices()).find((d) => d.id === a.deviceId)!;
    expect(stuck).toMatchObject({ revoked: true, outboxCount: 1, appVersion: '1.4.2', stuck: true });
    expect(stuck.refusedSince).not.toBeNull();

    const second = await newCode('Mill tablet again');
    const res = await enrollWith(second.enrollmentCode, { deviceId: a.deviceId, clientId: CLIENT, token: a.token });
    expect(res.status).toBe(200);
    const b = (await res.json()) as { deviceId: string; token: string; carried: unknown };
    expect(b.carried).toEqual({ clientId: CLIENT, lastMutationId: 1 });
    // The whole outbox is sent again: 1 is skipped (S2), 2 applies once.
    const again = await pushAs(b.token, [start, report]);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { lastMutationId: number }).lastMutationId).toBe(2);
    expect(await recordOf(h.store, 'quantityReports', 'qr-reenroll')).toMatchObject({ good: 4 });
    expect(await recordOf<Operation>(h.store, 'operations', op.id)).toMatchObject({ status: 'running', good: 4 });
    expect((await h.store.auditEntries(0, 10_000)).filter((l) => JSON.parse(l.entry).clientId === CLIENT).map((l) => JSON.parse(l.entry).mutationId)).toEqual([
      1, 2,
    ]);
    // An accepted push clears the refusal.
    expect((await devices()).find((d) => d.id === b.deviceId)).toMatchObject({ stuck: false, refusedSince: null, outboxCount: 2 });
  });

  it("[A1] without the old token the client stays the old device's: 400, and the code still works", async () => {
    const a = (await (await enrollWith((await newCode()).enrollmentCode)).json()) as { deviceId: string; token: string };
    expect((await pushAs(a.token, [])).status).toBe(200);
    const op = await pendingOpAt(h.store, 'st-mill-1');
    expect((await pushAs(a.token, [{ id: 1, name: 'startOperation', args: { operationId: op.id } }])).status).toBe(200);
    const second = await newCode('Thief');
    const wrong = await enrollWith(second.enrollmentCode, { deviceId: a.deviceId, clientId: CLIENT, token: 'not-the-token' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { code: string }).code).toBe('enrollment-previous-invalid');
    // Nothing changed: the old device still pushes as its client; the code was not spent.
    expect((await pushAs(a.token, [])).status).toBe(200);
    expect((await enrollWith(second.enrollmentCode)).status).toBe(200);
  });

  it('[A1] without `previous` a re-enrolled tablet is refused its old client id (client-taken)', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const a = (await (await enrollWith((await newCode()).enrollmentCode)).json()) as { deviceId: string; token: string };
    expect((await pushAs(a.token, [{ id: 1, name: 'startOperation', args: { operationId: op.id } }])).status).toBe(200);
    const b = (await (await enrollWith((await newCode('again')).enrollmentCode)).json()) as { deviceId: string; token: string };
    const res = await pushAs(b.token, [{ id: 2, name: 'reportQuantity', args: { id: 'qr-x', operationId: op.id, good: 1, scrap: 0 } }]);
    expect(res.status).toBe(403);
    expect((await devices()).find((d) => d.id === b.deviceId)).toMatchObject({ stuck: true, outboxCount: 1 });
  });

  it('[A1] show code again: a fresh code for the same device, the old one no longer works', async () => {
    const first = await newCode();
    expect((await devices()).find((d) => d.id === first.deviceId)).toMatchObject({ awaitingEnrollment: true, enrolled: false });
    const res = await h.req(`/api/devices/${first.deviceId}/code`, { method: 'POST', body: {}, cookie });
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as { deviceId: string; enrollmentCode: string };
    expect(fresh.deviceId).toBe(first.deviceId);
    expect(fresh.enrollmentCode).not.toBe(first.enrollmentCode);
    expect((await enrollWith(first.enrollmentCode)).status).toBe(400);
    expect((await enrollWith(fresh.enrollmentCode)).status).toBe(200);
    // Enrolled now: another code would let a second tablet take it over.
    const late = await h.req(`/api/devices/${first.deviceId}/code`, { method: 'POST', body: {}, cookie });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('device-already-enrolled');
    expect((await h.req('/api/devices/dev-nope/code', { method: 'POST', body: {}, cookie })).status).toBe(404);
  });
});
