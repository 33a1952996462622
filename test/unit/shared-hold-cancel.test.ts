import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import { MAX_QUANTITY, parseQuantity, remainingQuantity } from '../../shared/domain/quantity';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeHold, makeOperation, makeWorkOrder, seedFloor } from '../fakes/builders';

const world = () => seedFloor(new MemoryTx());
const report = (o: Record<string, unknown> = {}) => ({ id: 'qr-1', operationId: IDS.opSaw, good: 5, scrap: 0, ...o });

describe('quantities are whole numbers from 0 to MAX_QUANTITY', () => {
  it.each<[string, unknown]>([
    ['2.5', 2.5],
    ['-5', -5],
    ['20 digits', Number('12345678901234567890')],
    ['one past the limit', MAX_QUANTITY + 1],
    ['a string', '5'],
  ])('reportQuantity refuses %s good as invalid-args and writes nothing', async (_, good) => {
    const tx = world();
    expect(await applyMutation(tx, 'reportQuantity', report({ good }), makeActorCtx())).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
    expect(tx.writes).toEqual([]);
  });

  it('the limit itself is accepted', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'reportQuantity', report({ good: MAX_QUANTITY }), makeActorCtx())).toMatchObject({ outcome: 'applied' });
  });

  it.each<[string, ReturnType<typeof parseQuantity>]>([
    ['', { ok: true, value: 0 }],
    ['0', { ok: true, value: 0 }],
    ['42', { ok: true, value: 42 }],
    [' 7 ', { ok: true, value: 7 }],
    ['0007', { ok: true, value: 7 }],
    ['1000000', { ok: true, value: 1_000_000 }],
    ['1000001', { ok: false, code: 'quantity-too-large' }],
    ['12345678901234567890', { ok: false, code: 'quantity-too-large' }],
    ['2.5', { ok: false, code: 'quantity-not-whole' }],
    ['2,5', { ok: false, code: 'quantity-not-whole' }],
    ['-5', { ok: false, code: 'quantity-not-whole' }],
    ['+5', { ok: false, code: 'quantity-not-whole' }],
    ['1e3', { ok: false, code: 'quantity-not-whole' }],
    ['five', { ok: false, code: 'quantity-not-whole' }],
  ])('parseQuantity(%j) → %j (nothing is stripped)', (text, want) => {
    expect(parseQuantity(text)).toEqual(want);
  });

  it.each([
    [100, 40, 10, 50],
    [100, 100, 0, 0],
    [100, 90, 20, 0],
  ])('ordered %i, good %i, scrap %i: %i remain', (ordered, good, scrap, left) => {
    expect(remainingQuantity(ordered, good, scrap)).toBe(left);
  });
});

describe('[C2] a hold blocks good parts, start and complete; scrap may still be reported', () => {
  it.each([
    ['a hold on the job', makeHold()],
    ['a hold on the operation', makeHold({ operationId: IDS.opSaw })],
  ])('good parts under %s are a work-order-on-hold conflict and write nothing', async (_, hold) => {
    const tx = world().seed('holds', hold);
    const r = await applyMutation(tx, 'reportQuantity', report({ good: 3 }), makeActorCtx());
    expect(r).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold', kept: { holdId: IDS.hold } });
    expect(tx.writes).toEqual([]);
  });

  it('scrap alone under a hold applies', async () => {
    const tx = world().seed('holds', makeHold());
    const r = await applyMutation(tx, 'reportQuantity', report({ good: 0, scrap: 2, scrapReason: 'BURR' }), makeActorCtx());
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: 0, scrap: 2 });
  });

  it('good and scrap together under a hold are refused as a whole', async () => {
    const tx = world().seed('holds', makeHold());
    const r = await applyMutation(tx, 'reportQuantity', report({ good: 1, scrap: 2, scrapReason: 'BURR' }), makeActorCtx());
    expect(r).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold' });
  });

  it('a released hold blocks nothing', async () => {
    const tx = world().seed('holds', makeHold({ status: 'released' }));
    expect(await applyMutation(tx, 'reportQuantity', report(), makeActorCtx())).toEqual({ outcome: 'applied' });
  });

  it('a hold on another operation of the job does not block this one', async () => {
    const tx = world().seed('holds', makeHold({ operationId: IDS.opMill }));
    expect(await applyMutation(tx, 'reportQuantity', report(), makeActorCtx())).toEqual({ outcome: 'applied' });
  });
});

describe('a cancelled work order takes no more work', () => {
  const cancelled = () => world().seed('workOrders', makeWorkOrder({ status: 'cancelled' }));

  it.each<[string, string, Record<string, unknown>]>([
    ['startOperation', 'pending', { operationId: IDS.opSaw }],
    ['startOperation', 'paused', { operationId: IDS.opSaw }],
    ['completeOperation', 'running', { operationId: IDS.opSaw }],
    ['reportQuantity', 'running', report()],
  ])('%s on a %s operation is a work-order-cancelled conflict and writes nothing', async (name, status, args) => {
    const tx = cancelled().seed('operations', makeOperation({ status: status as 'pending' }));
    const r = await applyMutation(tx, name, args, makeActorCtx());
    expect(r).toMatchObject({ outcome: 'conflict', code: 'work-order-cancelled', stationIds: [IDS.saw] });
    expect(tx.writes).toEqual([]);
  });

  it('pausing and reporting scrap still apply, so the floor can stop the clock and account for its parts', async () => {
    const tx = cancelled().seed('operations', makeOperation({ status: 'running' }));
    expect(await applyMutation(tx, 'pauseOperation', { operationId: IDS.opSaw }, makeActorCtx())).toEqual({ outcome: 'applied' });
    const r = await applyMutation(tx, 'reportQuantity', report({ good: 0, scrap: 1, scrapReason: 'DENT' }), makeActorCtx());
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('workOrders', IDS.wo)!.status).toBe('cancelled');
  });
});
