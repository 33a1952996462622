import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conflict, WorkOrder } from '../../shared/schema';
import { COORDINATOR_USER_ID } from '../../server/auth/bootstrap';
import { allOf } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';

describe('field edits through push (C3)', () => {
  let h: Harness;
  let cookie: string;
  let wo: WorkOrder;
  beforeAll(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
    wo = (await allOf<WorkOrder>(h.store, 'workOrders'))[0]!;
  });
  afterAll(() => h.close());

  it('[C3] two coordinators edit the priority from the same version: the first wins, the second is a conflict', async () => {
    const base = wo.version;
    const a = await h.push({ cookie }, 'console-a-000', [
      { id: 1, name: 'editWorkOrder', args: { workOrderId: wo.id, priority: 2 }, actorId: COORDINATOR_USER_ID, base },
    ]);
    expect(((await a.json()) as { results: unknown[] }).results).toEqual([{ id: 1, outcome: 'applied' }]);

    const b = await h.push({ cookie }, 'console-b-000', [
      { id: 1, name: 'editWorkOrder', args: { workOrderId: wo.id, priority: 9 }, actorId: COORDINATOR_USER_ID, base },
    ]);
    expect(((await b.json()) as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ id: 1, outcome: 'conflict', code: 'field-changed-since-read' }),
    ]);

    const stored = await recordOf<WorkOrder>(h.store, 'workOrders', wo.id);
    expect(stored?.priority).toBe(2);
    const conflicts = (await allOf<Conflict>(h.store, 'conflicts')).filter((c) => c.id === 'console-b-000:1');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kept: { priority: 2 }, other: { actorId: COORDINATOR_USER_ID, mutation: 'editWorkOrder' } });
  });

  it('[C3] an edit based on the version after the last edit applies', async () => {
    const current = (await recordOf<WorkOrder>(h.store, 'workOrders', wo.id))!;
    const res = await h.push({ cookie }, 'console-a-000', [
      { id: 2, name: 'editWorkOrder', args: { workOrderId: wo.id, dueAt: '2026-04-01T12:00:00.000Z' }, actorId: COORDINATOR_USER_ID, base: current.version },
    ]);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ id: 2, outcome: 'applied' }]);
    const after = (await recordOf<WorkOrder>(h.store, 'workOrders', wo.id))!;
    expect(after).toMatchObject({ priority: 2, dueAt: '2026-04-01T12:00:00.000Z' });
    expect(after.edits?.dueAt?.version).toBe(after.version);
  });
});
