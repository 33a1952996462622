import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import type { MutationContext } from '../../shared/domain/tx';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeConflict, makeConsoleCtx, makeHold, makeOperation, seedFloor } from '../fakes/builders';

const world = () => seedFloor(new MemoryTx());
const leadAtSaw = (o: Partial<MutationContext> = {}) =>
  makeActorCtx({ deviceId: 'dev-lead', ...o, actor: { id: IDS.lead, role: 'lead', stationIds: [IDS.saw] } });

describe('placeHold', () => {
  const makeArgs = (o: Record<string, unknown> = {}) => ({ id: 'hold-2', workOrderId: IDS.wo, kind: 'material', reason: ' no bar stock ', ...o });

  it('writes an open hold on the work order, scoped to its stations', async () => {
    const tx = world();
    const ctx = leadAtSaw();
    expect(await applyMutation(tx, 'placeHold', makeArgs(), ctx)).toEqual({ outcome: 'applied' });
    expect(tx.written()).toEqual(['holds']);
    const { version, updatedAt, ...hold } = tx.peek('holds', 'hold-2')!;
    expect([version, updatedAt]).toEqual([1, '2026-11-21T12:00:00.000Z']);
    expect(hold).toEqual({
      id: 'hold-2',
      workOrderId: IDS.wo,
      operationId: null,
      kind: 'material',
      reason: 'no bar stock',
      status: 'open',
      placedBy: IDS.lead,
      placedDeviceId: 'dev-lead',
      placedAt: ctx.at,
      releasedBy: null,
      releasedDeviceId: null,
      releasedAt: null,
      stationIds: [IDS.saw, IDS.mill],
    });
  });

  it('a hold on one operation names it', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'placeHold', makeArgs({ operationId: IDS.opMill }), makeConsoleCtx())).toEqual({ outcome: 'applied' });
    expect(tx.peek('holds', 'hold-2')).toMatchObject({ operationId: IDS.opMill, placedBy: IDS.coordinator, placedDeviceId: 'console' });
  });

  it('[C2] a hold placed on the server blocks a start that comes in later', async () => {
    const tx = world();
    await applyMutation(tx, 'placeHold', makeArgs(), leadAtSaw({ at: '2026-11-21T09:55:00.000Z' }));
    const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx());
    expect(r).toMatchObject({
      outcome: 'conflict',
      code: 'work-order-on-hold',
      other: { mutation: 'placeHold', actorId: IDS.lead, deviceId: 'dev-lead', at: '2026-11-21T09:55:00.000Z' },
    });
    expect(tx.peek('operations', IDS.opSaw)!.status).toBe('pending');
  });

  it('a second hold on a held job is a new record (holds are not state changes of the job)', async () => {
    const tx = world().seed('holds', makeHold());
    expect(await applyMutation(tx, 'placeHold', makeArgs(), leadAtSaw())).toEqual({ outcome: 'applied' });
    expect(tx.all('holds').map((h) => h.id)).toEqual([IDS.hold, 'hold-2']);
  });

  it.each<[string, Record<string, unknown>, MutationContext, (tx: MemoryTx) => void, string]>([
    ['an id already used', { id: IDS.hold }, leadAtSaw(), (tx) => tx.seed('holds', makeHold()), 'duplicate-id'],
    ['an unknown work order', { workOrderId: 'wo-nope' }, leadAtSaw(), () => {}, 'work-order-not-found'],
    ["a job not run at the device's stations", {}, leadAtSaw({ deviceStationIds: [IDS.paint] }), () => {}, 'not-allowed-at-station'],
    [
      "a job not run at the lead's stations",
      {},
      makeConsoleCtx({ actor: { id: IDS.lead, role: 'lead', stationIds: [IDS.paint] } }),
      () => {},
      'not-allowed-at-station',
    ],
    ['an unknown operation', { operationId: 'op-nope' }, leadAtSaw(), () => {}, 'operation-not-found'],
    [
      'an operation of another work order',
      { operationId: 'op-x' },
      leadAtSaw(),
      (tx) => tx.seed('operations', makeOperation({ id: 'op-x', workOrderId: 'wo-x' })),
      'operation-not-found',
    ],
  ])('%s is rejected with %s and writes nothing', async (_, o, ctx, arrange, code) => {
    const tx = world();
    arrange(tx);
    const before = tx.all('holds');
    expect(await applyMutation(tx, 'placeHold', makeArgs(o), ctx)).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
    expect(tx.all('holds')).toEqual(before);
  });
});

describe('releaseHold', () => {
  it('releases an open hold, recording who, where and when', async () => {
    const tx = world().seed('holds', makeHold());
    const ctx = leadAtSaw({ deviceId: 'dev-lead-2', at: '2026-11-21T10:30:00.000Z' });
    expect(await applyMutation(tx, 'releaseHold', { holdId: IDS.hold }, ctx)).toEqual({ outcome: 'applied' });
    expect(tx.written()).toEqual(['holds']);
    expect(tx.peek('holds', IDS.hold)).toEqual({
      ...makeHold(),
      status: 'released',
      releasedBy: IDS.lead,
      releasedDeviceId: 'dev-lead-2',
      releasedAt: '2026-11-21T10:30:00.000Z',
      version: 1,
      updatedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('after release the job may start again', async () => {
    const tx = world().seed('holds', makeHold());
    await applyMutation(tx, 'releaseHold', { holdId: IDS.hold }, leadAtSaw());
    expect(await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw }, makeActorCtx())).toEqual({ outcome: 'applied' });
  });

  it('[C2] releasing a hold someone already released is a conflict naming who released it, and writes nothing', async () => {
    const released = makeHold({ status: 'released', releasedBy: 'u-lead-2', releasedDeviceId: 'dev-lead-2', releasedAt: '2026-11-21T10:10:00.000Z' });
    const tx = world().seed('holds', released);
    const r = await applyMutation(tx, 'releaseHold', { holdId: IDS.hold }, leadAtSaw());
    expect(r).toMatchObject({
      outcome: 'conflict',
      code: 'hold-already-released',
      other: { mutation: 'releaseHold', actorId: 'u-lead-2', deviceId: 'dev-lead-2', at: '2026-11-21T10:10:00.000Z' },
      kept: { status: 'released' },
      stationIds: [IDS.saw, IDS.mill],
    });
    expect(tx.writes).toEqual([]);
    expect(tx.peek('holds', IDS.hold)).toEqual(released);
  });

  it('[C2] a released hold with no release record names no other side', async () => {
    const tx = world().seed('holds', makeHold({ status: 'released' }));
    expect(await applyMutation(tx, 'releaseHold', { holdId: IDS.hold }, leadAtSaw())).toMatchObject({ outcome: 'conflict', other: null });
  });

  it.each<[string, string, MutationContext, string]>([
    ['an unknown hold', 'hold-nope', leadAtSaw(), 'hold-not-found'],
    ['a hold at another station (device)', IDS.hold, leadAtSaw({ deviceStationIds: [IDS.paint] }), 'not-allowed-at-station'],
    [
      'a hold at another station (actor)',
      IDS.hold,
      makeActorCtx({ deviceStationIds: 'all', actor: { role: 'lead', stationIds: [IDS.paint] } }),
      'not-allowed-at-station',
    ],
  ])('%s is rejected with %s and writes nothing', async (_, holdId, ctx, code) => {
    const tx = world().seed('holds', makeHold());
    expect(await applyMutation(tx, 'releaseHold', { holdId }, ctx)).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
    expect(tx.peek('holds', IDS.hold)!.status).toBe('open');
  });
});

describe('resolveConflict', () => {
  it('[C4] resolving a conflict records who and how', async () => {
    const tx = world().seed('conflicts', makeConflict());
    const r = await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:7', resolution: ' kept the first completion ' }, makeConsoleCtx());
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('conflicts', 'client-a:7')).toEqual({
      ...makeConflict(),
      status: 'resolved',
      resolvedBy: IDS.coordinator,
      resolution: 'kept the first completion',
      version: 1,
      updatedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it.each<[string, string, (tx: MemoryTx) => void, string]>([
    ['an unknown conflict', 'nope:1', () => {}, 'conflict-not-found'],
    [
      'a conflict already resolved',
      'client-a:7',
      (tx) => tx.seed('conflicts', makeConflict({ status: 'resolved', resolvedBy: 'u-x', resolution: 'done' })),
      'conflict-already-resolved',
    ],
  ])('%s is rejected with %s and writes nothing', async (_, conflictId, arrange, code) => {
    const tx = world();
    arrange(tx);
    const before = tx.all('conflicts');
    expect(await applyMutation(tx, 'resolveConflict', { conflictId, resolution: 'x' }, makeConsoleCtx())).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
    expect(tx.all('conflicts')).toEqual(before);
  });
});
