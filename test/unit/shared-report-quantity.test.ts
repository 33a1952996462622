import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import type { OperationStatus } from '../../shared/schema';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeConsoleCtx, makeOperation, makeQuantityReport, makeWorkOrder, seedFloor } from '../fakes/builders';

type Args = { id: string; operationId: string; good: number; scrap: number; scrapReason?: string };
const makeArgs = (o: Partial<Args> = {}): Args => ({ id: 'qr-1', operationId: IDS.opSaw, good: 5, scrap: 0, ...o });
const world = () => seedFloor(new MemoryTx());

describe('reportQuantity', () => {
  it("[C1] appends a report and adds to the operation's totals", async () => {
    const tx = world().seed('operations', makeOperation({ status: 'running', good: 10, scrap: 1 }));
    const ctx = makeActorCtx();
    const r = await applyMutation(tx, 'reportQuantity', makeArgs({ good: 7, scrap: 2, scrapReason: 'BURR' }), ctx);
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.written()).toEqual(['quantityReports', 'operations']);
    const { version, updatedAt, ...report } = tx.peek('quantityReports', 'qr-1')!;
    expect(version).toBe(1);
    expect(updatedAt).toBe('2026-11-21T12:00:00.000Z');
    expect(report).toEqual({
      id: 'qr-1',
      operationId: IDS.opSaw,
      workOrderId: IDS.wo,
      stationId: IDS.saw,
      good: 7,
      scrap: 2,
      scrapReason: 'BURR',
      userId: IDS.operator,
      deviceId: IDS.device,
      at: ctx.at,
      flags: [],
    });
    expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: 17, scrap: 3, status: 'running', version: 2 });
  });

  it('a report with no scrap stores scrapReason as null', async () => {
    const tx = world();
    await applyMutation(tx, 'reportQuantity', makeArgs(), makeActorCtx());
    expect(tx.peek('quantityReports', 'qr-1')!.scrapReason).toBeNull();
  });

  it("[C1] reports do not touch the operation's status or lastChange", async () => {
    const lastChange = { mutation: 'startOperation', actorId: 'u-x', deviceId: 'dev-x', at: '2026-11-21T08:00:00.000Z' };
    const tx = world().seed('operations', makeOperation({ status: 'running', lastChange }));
    await applyMutation(tx, 'reportQuantity', makeArgs(), makeActorCtx());
    expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ status: 'running', lastChange });
  });

  it.each<[string, (tx: MemoryTx) => void]>([
    ['a pending operation', () => {}],
    ['a completed operation (completed on another tablet meanwhile)', (tx) => tx.seed('operations', makeOperation({ status: 'completed' }))],
    ['a paused operation', (tx) => tx.seed('operations', makeOperation({ status: 'paused' }))],
  ])('[C1] a report on %s never conflicts', async (_, arrange) => {
    const tx = world();
    arrange(tx);
    const r = await applyMutation(tx, 'reportQuantity', makeArgs({ good: 3 }), makeActorCtx());
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('quantityReports', 'qr-1')!.good).toBe(3);
    expect(tx.peek('operations', IDS.opSaw)!.good).toBe(3);
  });

  it('[C1] two tablets reporting on the same operation both count', async () => {
    const tx = world();
    await applyMutation(tx, 'reportQuantity', makeArgs({ id: 'qr-a', good: 4 }), makeActorCtx({ deviceId: 'dev-a' }));
    await applyMutation(tx, 'reportQuantity', makeArgs({ id: 'qr-b', good: 6 }), makeActorCtx({ deviceId: 'dev-b' }));
    expect(tx.all('quantityReports').map((q) => [q.id, q.deviceId, q.good])).toEqual([
      ['qr-a', 'dev-a', 4],
      ['qr-b', 'dev-b', 6],
    ]);
    expect(tx.peek('operations', IDS.opSaw)!.good).toBe(10);
  });

  describe('[C5] over-reporting', () => {
    it.each<[string, { good: number; scrap: number }, { good: number; scrap: number; scrapReason?: string }, string[]]>([
      ['exactly the quantity', { good: 90, scrap: 0 }, { good: 10, scrap: 0 }, []],
      ['one good part beyond', { good: 90, scrap: 0 }, { good: 11, scrap: 0 }, ['over-reported']],
      ['scrap counts too', { good: 95, scrap: 5 }, { good: 0, scrap: 1, scrapReason: 'DENT' }, ['over-reported']],
      ['a single report beyond the order', { good: 0, scrap: 0 }, { good: 101, scrap: 0 }, ['over-reported']],
      ['already over, and more', { good: 120, scrap: 0 }, { good: 1, scrap: 0 }, ['over-reported']],
    ])('%s → flags %j, and is accepted', async (_, before, report, flags) => {
      const tx = world().seed('operations', makeOperation(before));
      const r = await applyMutation(tx, 'reportQuantity', makeArgs(report), makeActorCtx());
      expect(r).toEqual(flags.length ? { outcome: 'applied', flags } : { outcome: 'applied' });
      expect(tx.peek('quantityReports', 'qr-1')!.flags).toEqual(flags);
      expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: before.good + report.good, scrap: before.scrap + report.scrap });
    });

    it("the quantity ordered is the work order's, not a fixed number", async () => {
      const tx = world().seed('workOrders', makeWorkOrder({ quantity: 3 }));
      expect(await applyMutation(tx, 'reportQuantity', makeArgs({ good: 4 }), makeActorCtx())).toEqual({ outcome: 'applied', flags: ['over-reported'] });
    });

    it('without the work order on this replica nothing is flagged', async () => {
      const tx = new MemoryTx().seed('operations', makeOperation({ good: 500 }));
      expect(await applyMutation(tx, 'reportQuantity', makeArgs({ good: 500 }), makeActorCtx())).toEqual({ outcome: 'applied' });
      expect(tx.peek('quantityReports', 'qr-1')!.flags).toEqual([]);
    });
  });

  describe('scrap reasons', () => {
    it('any scrap reason is accepted when the replica holds no scrap reason codes', async () => {
      const tx = new MemoryTx().seed('operations', makeOperation()).seed('workOrders', makeWorkOrder());
      const r = await applyMutation(tx, 'reportQuantity', makeArgs({ good: 0, scrap: 1, scrapReason: 'WHATEVER' }), makeActorCtx());
      expect(r).toEqual({ outcome: 'applied' });
      expect(tx.peek('quantityReports', 'qr-1')!.scrapReason).toBe('WHATEVER');
    });

    it('a downtime reason code is not a scrap reason', async () => {
      const tx = world();
      const r = await applyMutation(tx, 'reportQuantity', makeArgs({ good: 0, scrap: 1, scrapReason: 'JAM' }), makeActorCtx());
      expect(r).toMatchObject({ outcome: 'rejected', code: 'unknown-scrap-reason' });
    });

    it('a scrap reason with no scrap is kept', async () => {
      const tx = world();
      expect(await applyMutation(tx, 'reportQuantity', makeArgs({ scrapReason: 'BURR' }), makeActorCtx())).toEqual({ outcome: 'applied' });
      expect(tx.peek('quantityReports', 'qr-1')!.scrapReason).toBe('BURR');
    });
  });

  describe('rejections write nothing', () => {
    it.each<[string, Partial<Args>, (tx: MemoryTx) => void, ReturnType<typeof makeActorCtx>, string]>([
      ['nothing reported', { good: 0, scrap: 0 }, () => {}, makeActorCtx(), 'empty-report'],
      ['scrap without a reason', { good: 0, scrap: 2 }, () => {}, makeActorCtx(), 'scrap-reason-required'],
      ['an unknown scrap reason', { scrap: 2, scrapReason: 'NOPE' }, () => {}, makeActorCtx(), 'unknown-scrap-reason'],
      ['a report id already recorded', {}, (tx) => tx.seed('quantityReports', makeQuantityReport()), makeActorCtx(), 'duplicate-id'],
      ['an unknown operation', { operationId: 'op-nope' }, () => {}, makeActorCtx(), 'operation-not-found'],
      ['a device at another station', {}, () => {}, makeActorCtx({ deviceStationIds: [IDS.mill] }), 'not-allowed-at-station'],
      ['an actor of another station', {}, () => {}, makeActorCtx({ actor: { stationIds: [IDS.mill] } }), 'not-allowed-at-station'],
      ['a lead of another station on the console', {}, () => {}, makeConsoleCtx({ actor: { role: 'lead', stationIds: [IDS.mill] } }), 'not-allowed-at-station'],
    ])('%s → %s', async (_, args, arrange, ctx, code) => {
      const tx = world();
      arrange(tx);
      const before = tx.all('operations');
      const r = await applyMutation(tx, 'reportQuantity', makeArgs(args), ctx);
      expect(r).toMatchObject({ outcome: 'rejected', code });
      expect(tx.writes).toEqual([]);
      expect(tx.all('operations')).toEqual(before);
    });

    it('a duplicate id keeps the first report unchanged (a replayed report is not counted twice)', async () => {
      const tx = world();
      await applyMutation(tx, 'reportQuantity', makeArgs({ good: 5 }), makeActorCtx());
      const r = await applyMutation(tx, 'reportQuantity', makeArgs({ good: 9 }), makeActorCtx());
      expect(r).toMatchObject({ outcome: 'rejected', code: 'duplicate-id' });
      expect(tx.peek('quantityReports', 'qr-1')!.good).toBe(5);
      expect(tx.peek('operations', IDS.opSaw)!.good).toBe(5);
    });
  });

  it('[A3] the coordinator console may report at any station', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'reportQuantity', makeArgs({ operationId: IDS.opMill }), makeConsoleCtx())).toEqual({ outcome: 'applied' });
    expect(tx.peek('quantityReports', 'qr-1')).toMatchObject({ stationId: IDS.mill, userId: IDS.coordinator, deviceId: 'console' });
  });

  it.each<OperationStatus>(['pending', 'running'])("the report carries the operation's station and job, not the device's (%s)", async (status) => {
    const tx = world().seed('operations', makeOperation({ id: 'op-x', workOrderId: 'wo-x', stationId: IDS.saw, status }));
    tx.seed('workOrders', makeWorkOrder({ id: 'wo-x', quantity: 1000 }));
    await applyMutation(tx, 'reportQuantity', makeArgs({ operationId: 'op-x' }), makeActorCtx());
    expect(tx.peek('quantityReports', 'qr-1')).toMatchObject({ workOrderId: 'wo-x', stationId: IDS.saw, operationId: 'op-x' });
  });
});
