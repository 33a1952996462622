import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Conflict, WorkOrder } from '../../shared/schema';
import { allOf } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';
import { withProofs } from './proofs';

const COORD = 'u-coordinator'; // fixed and well known: any tablet can name it
const BRENNAN = 'u-op-brennan'; // operator at st-weld-1

type Result = { id: number; outcome: string; code?: string };
const results = async (res: Response) => ((await res.json()) as { results: Result[] }).results;

/** Issue 6, hole 1: a station tablet may not act as the coordinator plant-wide (A2, A3). */
describe('office acts from a station tablet stay within its stations', () => {
  let h: Harness;
  let mill: string;
  let weldJob: WorkOrder;
  let millJob: WorkOrder;
  const at = () => new Date(h.clock.now()).toISOString();
  /** The coordinator signed in with badge and PIN on the mill tablet: proofs are valid. */
  const asCoordinatorOnMill = async (clientId: string, ms: { id: number; name: string; args: unknown }[]) =>
    h.push(
      { token: mill },
      clientId,
      await withProofs(
        h.store,
        clientId,
        at(),
        ms.map((m) => ({ ...m, actorId: COORD })),
      ),
    );

  beforeEach(async () => {
    h = await makeHarness();
    ({ token: mill } = await h.enroll(['st-mill-1'], 'Mill tablet'));
    const wos = await allOf<WorkOrder>(h.store, 'workOrders');
    weldJob = wos.find((w) => w.stationIds.includes('st-weld-1') && !w.stationIds.includes('st-mill-1'))!;
    millJob = wos.find((w) => w.stationIds.includes('st-mill-1'))!;
  });
  afterEach(() => h.close());

  it('[A3] a "STOP ALL WORK" change to other stations is refused; one to the mill is posted', async () => {
    const stations = ['st-mill-1', 'st-weld-1', 'st-laser-1', 'st-assembly-1'];
    const stop = { id: 'sc-stop', kind: 'note', message: 'STOP ALL WORK', stationIds: stations, workOrderIds: [], requiresAck: true };
    const mine = { ...stop, id: 'sc-mill', stationIds: ['st-mill-1'], message: 'Mill: coolant change at 14:00' };
    const aboutWeld = { ...mine, id: 'sc-weld-wo', workOrderIds: [weldJob.id] };
    const r = await results(
      await asCoordinatorOnMill('mill-client-1', [
        { id: 1, name: 'postScheduleChange', args: stop },
        { id: 2, name: 'postScheduleChange', args: mine },
        { id: 3, name: 'postScheduleChange', args: aboutWeld },
      ]),
    );
    expect(r).toEqual([
      expect.objectContaining({ id: 1, outcome: 'rejected', code: 'not-allowed-at-station' }),
      { id: 2, outcome: 'applied' },
      expect.objectContaining({ id: 3, outcome: 'rejected', code: 'not-allowed-at-station' }),
    ]);
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-stop')).toBeUndefined();
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-weld-wo')).toBeUndefined();
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-mill')).toMatchObject({ postedBy: COORD });
  });

  it('[A3] the coordinator on the mill tablet may edit a mill job, never a weld job', async () => {
    const r = await results(
      await asCoordinatorOnMill('mill-client-1', [
        { id: 1, name: 'editWorkOrder', args: { workOrderId: weldJob.id, priority: 1 } },
        { id: 2, name: 'editWorkOrder', args: { workOrderId: millJob.id, priority: 2 } },
      ]),
    );
    expect(r.map((x) => x.code ?? x.outcome)).toEqual(['not-allowed-at-station', 'applied']);
    expect((await recordOf<WorkOrder>(h.store, 'workOrders', weldJob.id))!.priority).toBe(weldJob.priority);
    expect((await recordOf<WorkOrder>(h.store, 'workOrders', millJob.id))!.priority).toBe(2);
  });

  it('[A3] a conflict about the weld cell cannot be resolved from the mill tablet', async () => {
    const { token: weld } = await h.enroll(['st-weld-1'], 'Weld tablet');
    const op = (await allOf<{ id: string; stationId: string; workOrderId: string; status: string }>(h.store, 'operations')).find(
      (o) => o.stationId === 'st-weld-1' && o.status === 'pending' && o.workOrderId === weldJob.id,
    )!;
    const twice = [1, 2, 3].map((id) => ({ id, name: id === 1 ? 'startOperation' : 'completeOperation', args: { operationId: op.id }, actorId: BRENNAN }));
    await h.push({ token: weld }, 'weld-client-1', twice);
    const conflict = (await allOf<Conflict>(h.store, 'conflicts')).find((c) => c.stationIds.includes('st-weld-1'))!;
    expect(conflict).toBeDefined();
    const r = await results(
      await asCoordinatorOnMill('mill-client-1', [{ id: 1, name: 'resolveConflict', args: { conflictId: conflict.id, resolution: 'nothing to see' } }]),
    );
    expect(r[0]).toMatchObject({ outcome: 'rejected', code: 'not-allowed-at-station' });
    expect((await recordOf<Conflict>(h.store, 'conflicts', conflict.id))!.status).toBe('open');
  });

  it('[A3] holds from the mill tablet only on jobs that run at the mill', async () => {
    const r = await results(
      await asCoordinatorOnMill('mill-client-1', [
        { id: 1, name: 'placeHold', args: { id: 'h-weld', workOrderId: weldJob.id, kind: 'quality', reason: 'check welds' } },
        { id: 2, name: 'placeHold', args: { id: 'h-mill', workOrderId: millJob.id, kind: 'quality', reason: 'check bores' } },
      ]),
    );
    expect(r.map((x) => x.code ?? x.outcome)).toEqual(['not-allowed-at-station', 'applied']);
  });

  it('[A2] naming the coordinator without their PIN proof is refused actor-not-verified, and audited as such', async () => {
    const stop = { id: 'sc-stop', kind: 'note', message: 'STOP ALL WORK', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: true };
    const res = await h.push({ token: mill }, 'mill-client-1', [
      { id: 1, name: 'postScheduleChange', args: stop, actorId: COORD },
      { id: 2, name: 'editWorkOrder', args: { workOrderId: millJob.id, priority: 1 }, actorId: COORD },
    ]);
    expect((await results(res)).map((x) => x.code)).toEqual(['actor-not-verified', 'actor-not-verified']);
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-stop')).toBeUndefined();
    const audit = await recordOf<AuditEntry>(h.store, 'audit', 'mill-client-1:1');
    expect(audit).toMatchObject({ outcome: 'rejected', code: 'actor-not-verified', backing: 'token' });
  });
});
