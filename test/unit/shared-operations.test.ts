import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import { nextRouting } from '../../shared/domain/mutators/operations';
import type { LastChange, OperationStatus, WorkOrderStatus } from '../../shared/schema';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeConsoleCtx, makeHold, makeOperation, makeWorkOrder, seedFloor } from '../fakes/builders';

const other: LastChange = { mutation: 'completeOperation', actorId: 'u-other', deviceId: 'dev-other', at: '2026-11-21T09:30:00.000Z' };

const world = (status: OperationStatus = 'pending', lastChange: LastChange | null = null) => {
  const tx = seedFloor(new MemoryTx());
  tx.seed('operations', makeOperation({ status, lastChange }));
  return tx;
};

type Name = 'startOperation' | 'pauseOperation' | 'completeOperation';

describe('startOperation / pauseOperation / completeOperation', () => {
  it.each<[Name, OperationStatus, OperationStatus]>([
    ['startOperation', 'pending', 'running'],
    ['startOperation', 'paused', 'running'],
    ['pauseOperation', 'running', 'paused'],
    ['completeOperation', 'running', 'completed'],
    ['completeOperation', 'paused', 'completed'],
  ])('[C2] %s on a %s operation applies and writes status %s with lastChange', async (name, from, to) => {
    const tx = world(from, other);
    const ctx = makeActorCtx();
    const r = await applyMutation(tx, name, { operationId: IDS.opSaw }, ctx);
    expect(r).toEqual({ outcome: 'applied' });
    const op = tx.peek('operations', IDS.opSaw)!;
    expect(op.status).toBe(to);
    expect(op.lastChange).toEqual({ mutation: name, actorId: IDS.operator, deviceId: IDS.device, at: ctx.at, from, recordedAt: ctx.now });
    expect(op.version).toBeGreaterThan(0);
    expect(op.updatedAt).toBe('2026-11-21T12:00:00.000Z');
    // A pause says why (none given here); nothing else about the operation changes.
    const { pauseReason, ...rest } = op;
    expect(pauseReason).toBe(to === 'paused' ? null : undefined);
    expect({ ...rest, status: 'x', lastChange: null, version: 0, updatedAt: '' }).toEqual({
      ...makeOperation(),
      status: 'x',
      lastChange: null,
      version: 0,
      updatedAt: '',
    });
  });

  it.each<[Name, OperationStatus, string]>([
    ['startOperation', 'running', 'operation-already-running'],
    ['startOperation', 'completed', 'operation-already-completed'],
    ['pauseOperation', 'pending', 'operation-not-running'],
    ['pauseOperation', 'paused', 'operation-not-running'],
    ['pauseOperation', 'completed', 'operation-already-completed'],
    ['completeOperation', 'pending', 'operation-not-started'],
    ['completeOperation', 'completed', 'operation-already-completed'],
  ])('[C2] %s on a %s operation is a conflict %s naming the other side, and writes nothing', async (name, from, code) => {
    const tx = world(from, other);
    const r = await applyMutation(tx, name, { operationId: IDS.opSaw }, makeActorCtx());
    expect(r).toMatchObject({ outcome: 'conflict', code, other, kept: { status: from }, stationIds: [IDS.saw] });
    expect(r.outcome !== 'applied' && r.message).toBeTruthy();
    expect(tx.writes).toEqual([]);
    expect(tx.peek('operations', IDS.opSaw)).toEqual(makeOperation({ status: from, lastChange: other }));
  });

  it('[C2] a conflict on an operation nobody has changed names no other side', async () => {
    const tx = world('pending', null);
    const r = await applyMutation(tx, 'completeOperation', { operationId: IDS.opSaw }, makeActorCtx());
    expect(r).toMatchObject({ outcome: 'conflict', code: 'operation-not-started', other: null });
  });

  it('[C2] completing an operation another tablet completed names that tablet', async () => {
    const tx = world('running');
    const a = makeActorCtx({ deviceId: 'dev-a', at: '2026-11-21T09:58:00.000Z' });
    const b = makeActorCtx({ deviceId: 'dev-b', at: '2026-11-21T10:02:00.000Z', actor: { id: 'u-b' } });
    expect(await applyMutation(tx, 'completeOperation', { operationId: IDS.opSaw }, a)).toEqual({ outcome: 'applied' });
    const writes = tx.writes.length;
    const r = await applyMutation(tx, 'completeOperation', { operationId: IDS.opSaw }, b);
    expect(r).toMatchObject({
      outcome: 'conflict',
      code: 'operation-already-completed',
      other: { mutation: 'completeOperation', actorId: IDS.operator, deviceId: 'dev-a', at: '2026-11-21T09:58:00.000Z' },
    });
    expect(tx.writes.length).toBe(writes);
  });

  describe('holds', () => {
    it.each<[Name, OperationStatus]>([
      ['startOperation', 'pending'],
      ['startOperation', 'paused'],
      ['completeOperation', 'running'],
      ['completeOperation', 'paused'],
    ])('[C2] %s on a %s operation of a job on hold is a conflict naming who placed the hold', async (name, from) => {
      const tx = world(from).seed('holds', makeHold());
      const r = await applyMutation(tx, name, { operationId: IDS.opSaw }, makeActorCtx());
      expect(r).toMatchObject({
        outcome: 'conflict',
        code: 'work-order-on-hold',
        other: { mutation: 'placeHold', actorId: IDS.lead, deviceId: 'dev-lead', at: '2026-11-21T09:55:00.000Z' },
        kept: { holdId: IDS.hold, status: from },
        stationIds: [IDS.saw],
      });
      expect(r.outcome !== 'applied' && r.message).toContain('quality hold: burrs on edge');
      expect(tx.writes).toEqual([]);
    });

    it('[C2] a hold on this very operation blocks it', async () => {
      const tx = world('pending').seed('holds', makeHold({ operationId: IDS.opSaw }));
      const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx());
      expect(r).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold' });
      expect(tx.writes).toEqual([]);
    });

    it.each([
      ['a released hold', makeHold({ status: 'released', releasedBy: IDS.lead, releasedDeviceId: 'dev-lead', releasedAt: '2026-11-21T10:00:00.000Z' })],
      ['a hold on another operation', makeHold({ operationId: IDS.opMill })],
      ['a hold on another work order', makeHold({ workOrderId: 'wo-other' })],
    ])('[C2] %s does not block starting', async (_, hold) => {
      const tx = world('pending').seed('holds', hold);
      const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx());
      expect(r).toEqual({ outcome: 'applied' });
      expect(tx.peek('operations', IDS.opSaw)!.status).toBe('running');
    });

    it('[C2] pausing running work on hold is allowed (a hold stops work; it never traps it running)', async () => {
      const tx = world('running').seed('holds', makeHold());
      const r = await applyMutation(tx, 'pauseOperation', { operationId: IDS.opSaw, reason: 'hold' }, makeActorCtx());
      expect(r).toEqual({ outcome: 'applied' });
      expect(tx.peek('operations', IDS.opSaw)!.status).toBe('paused');
    });

    it('[C2] the hold is reported before an illegal transition (the hold is what the operator must see)', async () => {
      const tx = world('completed', other).seed('holds', makeHold());
      const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx());
      expect(r).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold' });
    });
  });

  describe('rejections', () => {
    it.each<Name>(['startOperation', 'pauseOperation', 'completeOperation'])('%s of an unknown operation is operation-not-found', async (name) => {
      const tx = world('running');
      const r = await applyMutation(tx, name, { operationId: 'op-nope' }, makeActorCtx());
      expect(r).toMatchObject({ outcome: 'rejected', code: 'operation-not-found' });
      expect(tx.writes).toEqual([]);
    });

    it.each([
      ['the device is not at the station', makeActorCtx({ deviceStationIds: [IDS.mill] })],
      ['the device has no stations', makeActorCtx({ deviceStationIds: [] })],
      ['the actor may not work at the station', makeActorCtx({ actor: { stationIds: [IDS.mill] } })],
      ['the actor is a lead of another station on the console', makeConsoleCtx({ actor: { id: IDS.lead, role: 'lead', stationIds: [IDS.mill] } })],
    ])('[A3] start is not-allowed-at-station when %s', async (_, ctx) => {
      const tx = world('pending');
      const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, ctx);
      expect(r).toMatchObject({ outcome: 'rejected', code: 'not-allowed-at-station' });
      expect(tx.writes).toEqual([]);
    });

    it('[A3] station scope is checked before the hold (no hold details leak to other stations)', async () => {
      const tx = world('pending').seed('holds', makeHold());
      const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx({ deviceStationIds: [IDS.mill] }));
      expect(r).toMatchObject({ outcome: 'rejected', code: 'not-allowed-at-station' });
    });
  });

  describe('station scope', () => {
    it.each([
      ['the coordinator console (all)', makeConsoleCtx()],
      ['an admin on the console', makeConsoleCtx({ actor: { role: 'admin', id: 'u-admin' } })],
      ['a coordinator on the saw tablet, with no stations of their own', makeActorCtx({ actor: { role: 'coordinator', stationIds: [] } })],
      ['a lead of the saw on the console', makeConsoleCtx({ actor: { id: IDS.lead, role: 'lead', stationIds: [IDS.saw] } })],
    ])('[A3] %s may start the saw operation', async (_, ctx) => {
      const tx = world('pending');
      expect(await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, ctx)).toEqual({ outcome: 'applied' });
      expect(tx.peek('operations', IDS.opSaw)!.lastChange).toMatchObject({ actorId: ctx.actor.id, deviceId: ctx.deviceId });
    });

    it("[A3] a coordinator on a tablet is still bound to the tablet's stations", async () => {
      const tx = world('pending');
      const ctx = makeActorCtx({ deviceStationIds: [IDS.mill], actor: { role: 'coordinator', stationIds: [] } });
      expect(await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, ctx)).toMatchObject({ code: 'not-allowed-at-station' });
    });
  });

  describe('work order status', () => {
    const run = async (tx: MemoryTx, name: Name, operationId: string, stationId: string) =>
      applyMutation(tx, name, { operationId }, makeActorCtx({ deviceStationIds: [stationId], actor: { stationIds: [stationId] } }));

    it('starting the first operation moves a released job to in-progress', async () => {
      const tx = world('pending');
      await run(tx, 'startOperation', IDS.opSaw, IDS.saw);
      expect(tx.written()).toEqual(['operations', 'workOrders']);
      expect(tx.peek('workOrders', IDS.wo)).toMatchObject({ status: 'in-progress', number: 'WO-10042', quantity: 100 });
    });

    it('pausing keeps an in-progress job in progress; only its routing summary changes', async () => {
      const routing = [{ operationId: IDS.opSaw, seq: 1, stationId: IDS.saw, name: 'Saw', status: 'running' as const }];
      const tx = world('running').seed('workOrders', makeWorkOrder({ status: 'in-progress', routing }));
      await run(tx, 'pauseOperation', IDS.opSaw, IDS.saw);
      expect(tx.written()).toEqual(['operations', 'workOrders']);
      expect(tx.peek('workOrders', IDS.wo)).toMatchObject({ status: 'in-progress', routing: [{ operationId: IDS.opSaw, status: 'paused' }] });
    });

    it('a pause keeps its reason on the operation until it moves on', async () => {
      const tx = world('running');
      const ctx = makeActorCtx({ deviceStationIds: [IDS.saw], actor: { stationIds: [IDS.saw] } });
      await applyMutation(tx, 'pauseOperation', { operationId: IDS.opSaw, reason: 'Break' }, ctx);
      expect(tx.peek('operations', IDS.opSaw)!.pauseReason).toBe('Break');
      await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, ctx);
      expect(tx.peek('operations', IDS.opSaw)!.pauseReason).toBeNull();
    });

    it('the routing summary is built when missing and every operation is at hand, updated in place when present', async () => {
      const tx = world('pending').seed('operations', makeOperation({ id: IDS.opMill, seq: 2, stationId: IDS.mill, status: 'pending' }));
      await run(tx, 'startOperation', IDS.opSaw, IDS.saw);
      const routing = tx.peek('workOrders', IDS.wo)!.routing!;
      expect(routing.map((s) => [s.operationId, s.stationId, s.status])).toEqual([
        [IDS.opSaw, IDS.saw, 'running'],
        [IDS.opMill, IDS.mill, 'pending'],
      ]);
      await run(tx, 'pauseOperation', IDS.opSaw, IDS.saw);
      expect(tx.peek('workOrders', IDS.wo)!.routing!.map((s) => s.status)).toEqual(['paused', 'pending']);
    });

    it('a tablet holding only its share of the routing leaves a missing summary to the server', () => {
      const wo = makeWorkOrder({ operationCount: 2 });
      const op = makeOperation({ status: 'running' });
      expect(nextRouting(wo, [op], op)).toBeUndefined();
      expect(nextRouting({ ...wo, routing: [{ operationId: op.id, seq: 1, stationId: IDS.saw, name: '', status: 'pending' }] }, [op], op)).toEqual([
        { operationId: op.id, seq: op.seq, stationId: op.stationId, name: op.name, status: 'running' },
      ]);
    });

    it('completing the last operation completes the job; completing one of two does not', async () => {
      const tx = world('running').seed('operations', makeOperation({ id: IDS.opMill, seq: 2, stationId: IDS.mill, status: 'running' }));
      tx.seed('workOrders', makeWorkOrder({ status: 'in-progress' }));
      await run(tx, 'completeOperation', IDS.opSaw, IDS.saw);
      expect(tx.peek('workOrders', IDS.wo)!.status).toBe('in-progress');
      await run(tx, 'completeOperation', IDS.opMill, IDS.mill);
      expect(tx.peek('workOrders', IDS.wo)!.status).toBe('completed');
    });

    it('a replica that holds only part of the routing never completes the job', async () => {
      const tx = new MemoryTx();
      tx.seed('workOrders', makeWorkOrder({ status: 'in-progress', operationCount: 2 })).seed('operations', makeOperation({ status: 'running' }));
      await run(tx, 'completeOperation', IDS.opSaw, IDS.saw);
      expect(tx.peek('operations', IDS.opSaw)!.status).toBe('completed');
      expect(tx.peek('workOrders', IDS.wo)!.status).toBe('in-progress');
      expect(tx.written()).toEqual(['operations']);
    });

    it.each<WorkOrderStatus>(['cancelled'])('a %s job keeps its status when its running operation is paused', async (status) => {
      const tx = world('running').seed('workOrders', makeWorkOrder({ status }));
      expect(await run(tx, 'pauseOperation', IDS.opSaw, IDS.saw)).toEqual({ outcome: 'applied' });
      expect(tx.peek('workOrders', IDS.wo)!.status).toBe(status);
      expect(tx.written()).toEqual(['operations']);
    });

    it('an operation whose work order is not on this replica still moves', async () => {
      const tx = new MemoryTx().seed('operations', makeOperation());
      expect(await run(tx, 'startOperation', IDS.opSaw, IDS.saw)).toEqual({ outcome: 'applied' });
      expect(tx.written()).toEqual(['operations']);
    });
  });
});
