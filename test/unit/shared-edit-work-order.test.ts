import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeConsoleCtx, makeWorkOrder, seedFloor } from '../fakes/builders';

const DUE = '2026-12-01T14:00:00.000Z';
const edit = (tx: MemoryTx, args: Record<string, unknown>, o: { base?: number; seq?: number; actor?: string } = {}) =>
  applyMutation(tx, 'editWorkOrder', { workOrderId: IDS.wo, ...args }, makeConsoleCtx({ base: o.base, seq: o.seq, actor: { id: o.actor ?? IDS.coordinator } }));

describe('editWorkOrder (C3: field edits carry base)', () => {
  it('[C3] an edit without base applies and records who edited the field at which version', async () => {
    const tx = seedFloor(new MemoryTx());
    expect(await edit(tx, { priority: 3 }, { seq: 40 })).toEqual({ outcome: 'applied' });
    const wo = await tx.get('workOrders', IDS.wo);
    expect(wo?.priority).toBe(3);
    expect(wo?.edits?.priority).toMatchObject({ version: 40, actorId: IDS.coordinator, mutation: 'editWorkOrder' });
    expect(wo?.edits?.dueAt).toBeUndefined();
  });

  it('[C3] an edit based on the version that last changed the field applies', async () => {
    const tx = seedFloor(new MemoryTx());
    await edit(tx, { priority: 3 }, { seq: 40 });
    expect(await edit(tx, { priority: 7 }, { base: 40, seq: 41 })).toEqual({ outcome: 'applied' });
    expect((await tx.get('workOrders', IDS.wo))?.priority).toBe(7);
  });

  it('[C3] an edit based on an older version keeps the newer value and is a conflict naming the other editor', async () => {
    const tx = seedFloor(new MemoryTx());
    await edit(tx, { priority: 3 }, { seq: 40, actor: 'u-anna' });
    const writes = tx.writes.length;
    const r = await edit(tx, { priority: 9 }, { base: 39, seq: 41 });
    expect(r).toMatchObject({
      outcome: 'conflict',
      code: 'field-changed-since-read',
      other: { actorId: 'u-anna', mutation: 'editWorkOrder' },
      kept: { priority: 3 },
    });
    expect((await tx.get('workOrders', IDS.wo))?.priority).toBe(3);
    expect(tx.writes.length).toBe(writes);
  });

  it('[C3] a change to another field since base is no conflict', async () => {
    const tx = seedFloor(new MemoryTx());
    await edit(tx, { dueAt: DUE }, { seq: 40 });
    expect(await edit(tx, { priority: 5 }, { base: 30, seq: 41 })).toEqual({ outcome: 'applied' });
    const wo = await tx.get('workOrders', IDS.wo);
    expect(wo).toMatchObject({ priority: 5, dueAt: DUE });
  });

  it('[C3] a floor status change since base is no conflict for the priority', async () => {
    const tx = seedFloor(new MemoryTx());
    tx.seed('workOrders', makeWorkOrder({ status: 'in-progress', version: 90 }));
    expect(await edit(tx, { priority: 4 }, { base: 10, seq: 91 })).toEqual({ outcome: 'applied' });
  });

  it('an unknown work order is rejected and writes nothing', async () => {
    const tx = seedFloor(new MemoryTx());
    const r = await applyMutation(tx, 'editWorkOrder', { workOrderId: 'nope', priority: 2 }, makeConsoleCtx());
    expect(r).toMatchObject({ outcome: 'rejected', code: 'work-order-not-found' });
    expect(tx.writes).toEqual([]);
  });
});
