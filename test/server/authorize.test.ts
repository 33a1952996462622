import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conflict, Operation, QuantityReport } from '../../shared/schema';
import { makeHarness, recordOf, type Harness } from './harness';
import { heldOp, pendingOpAt } from './fixtures';

const NGUYEN = 'u-op-nguyen'; // operator at st-mill-1 and st-5axis-1
const KOWALSKI = 'u-op-kowalski'; // operator at st-lathe-1 only

describe('authorization and conflicts', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  const result = async (res: Response) => ((await res.json()) as { results: { code?: string; outcome: string }[] }).results[0];

  it('[A3] no credentials, an unknown token or a revoked token is 401 unauthorized', async () => {
    const body = { protocol: 1, clientId: 'client-a-1', mutations: [] };
    expect((await h.req('/api/sync/push', { body })).status).toBe(401);
    const unknown = await h.req('/api/sync/push', { body, token: 'not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'unauthorized' });
    const { deviceId, token: t2 } = await h.enroll(['st-lathe-1']);
    expect((await h.req('/api/sync/push', { body, token: t2 })).status).toBe(200);
    const cookie = await h.signIn();
    expect((await h.req(`/api/devices/${deviceId}`, { method: 'DELETE', cookie })).status).toBe(204);
    const revoked = await h.req('/api/sync/push', { body, token: t2 });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 'unauthorized' });
    expect((await h.req('/api/sync/pull?clientId=client-a-1&cursor=0', { token: t2 })).status).toBe(401);
  });

  it('[A3] an actor who is not an active user is rejected unknown-actor', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-ghost' }]);
    expect(await result(res)).toMatchObject({ outcome: 'rejected', code: 'unknown-actor' });
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.status).toBe('pending');
  });

  it('[A3] an operator of other stations may not use this tablet: actor-not-at-device', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: KOWALSKI }]);
    expect(await result(res)).toMatchObject({ outcome: 'rejected', code: 'actor-not-at-device' });
  });

  it('[A3] work outside the device stations is rejected not-allowed-at-station', async () => {
    // Nguyen may work at the 5-axis, but this tablet belongs to the mill.
    const op = await pendingOpAt(h.store, 'st-5axis-1');
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: NGUYEN }]);
    expect(await result(res)).toMatchObject({ outcome: 'rejected', code: 'not-allowed-at-station' });
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.status).toBe('pending');
  });

  it('[A3] a role that may not call the mutation is rejected role-not-allowed', async () => {
    const res = await h.push({ token }, 'client-a-1', [
      {
        id: 1,
        name: 'postScheduleChange',
        actorId: NGUYEN,
        args: { id: 'sc-x', kind: 'note', message: 'hi', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false },
      },
    ]);
    expect(await result(res)).toMatchObject({ outcome: 'rejected', code: 'role-not-allowed' });
  });

  it('[A3] the console may act only as the signed-in user: actor-mismatch', async () => {
    const cookie = await h.signIn();
    const args = { id: 'sc-1', kind: 'note', message: 'Forklift training 14:00', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false };
    const bad = await h.push({ cookie }, 'console-client-1', [{ id: 1, name: 'postScheduleChange', args, actorId: 'u-lead-santos' }]);
    expect(await result(bad)).toMatchObject({ outcome: 'rejected', code: 'actor-mismatch' });
    const good = await h.push({ cookie }, 'console-client-1', [{ id: 2, name: 'postScheduleChange', args, actorId: 'u-coordinator' }]);
    expect(await result(good)).toEqual({ id: 2, outcome: 'applied' });
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-1')).toMatchObject({ postedBy: 'u-coordinator' });
  });

  it('[C2] an illegal transition becomes an open conflict record naming both sides', async () => {
    const other = await h.enroll(['st-mill-1'], 'Second mill tablet');
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const start = { name: 'startOperation', args: { operationId: op.id }, actorId: NGUYEN };
    const complete = { name: 'completeOperation', args: { operationId: op.id }, actorId: NGUYEN };
    await h.push({ token }, 'client-a-1', [
      { id: 1, ...start },
      { id: 2, ...complete },
    ]);
    const res = await h.push({ token: other.token }, 'client-b-1', [{ id: 1, ...complete, actorId: 'u-op-okafor' }]);
    expect(await result(res)).toMatchObject({ outcome: 'conflict', code: 'operation-already-completed' });
    const c = await recordOf<Conflict>(h.store, 'conflicts', 'client-b-1:1');
    expect(c).toMatchObject({
      mutation: 'completeOperation',
      actorId: 'u-op-okafor',
      deviceId: other.deviceId,
      status: 'open',
      code: 'operation-already-completed',
      kept: { status: 'completed' },
      stationIds: ['st-mill-1'],
      other: { mutation: 'completeOperation', actorId: NGUYEN },
      resolvedBy: null,
      resolution: null,
    });
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.lastChange?.actorId).toBe(NGUYEN);
  });

  it('[C2] completing an operation that never started is a conflict (operation-not-started)', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'completeOperation', args: { operationId: op.id }, actorId: NGUYEN }]);
    expect(await result(res)).toMatchObject({ outcome: 'conflict', code: 'operation-not-started' });
    expect(await recordOf<Conflict>(h.store, 'conflicts', 'client-a-1:1')).toMatchObject({ status: 'open', kept: { status: 'pending' } });
  });

  it('[C2] starting work on a job on hold is a conflict that names the hold', async () => {
    const { op, hold } = await heldOp(h.store);
    const cookie = await h.signIn();
    const res = await h.push({ cookie }, 'console-client-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: 'u-coordinator' }]);
    expect(await result(res)).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold' });
    const c = await recordOf<Conflict>(h.store, 'conflicts', 'console-client-1:1');
    expect(c?.kept).toMatchObject({ holdId: hold.id });
    expect(c?.other).toMatchObject({ mutation: 'placeHold', actorId: hold.placedBy });
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.status).toBe(op.status);
  });

  it('[C5] over-reporting is applied and flagged', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [
      {
        id: 1,
        name: 'reportQuantity',
        actorId: NGUYEN,
        args: { id: 'qr-big', operationId: op.id, good: 999_999, scrap: 0 },
      },
    ]);
    expect(await result(res)).toMatchObject({ outcome: 'applied' });
    expect((await recordOf<QuantityReport>(h.store, 'quantityReports', 'qr-big'))?.flags).toEqual(['over-reported']);
  });

  it('[S4] a rejected mutation writes none of its domain records', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const before = await h.store.countRecords('quantityReports');
    const res = await h.push({ token }, 'client-a-1', [
      {
        id: 1,
        name: 'reportQuantity',
        actorId: NGUYEN,
        args: { id: 'qr-x', operationId: op.id, good: 1, scrap: 2 },
      },
    ]);
    expect(await result(res)).toMatchObject({ outcome: 'rejected', code: 'scrap-reason-required' });
    expect(await h.store.countRecords('quantityReports')).toBe(before);
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.scrap).toBe(0);
  });
});
