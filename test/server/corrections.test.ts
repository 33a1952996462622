import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shiftOccurrence } from '../../shared/domain/quantity';
import { shiftMinutes } from '../../shared/domain/shifts';
import type { AuditEntry, Operation, QuantityReport, Shift } from '../../shared/schema';
import { verifyAuditChain } from '../../server/audit/chain';
import { allOf, pendingOpAt } from './fixtures';
import { makeHarness, recordOf, STORES, type Harness } from './harness';
import { withProofs } from './proofs';

const OP = 'u-op-nguyen'; // operator at st-mill-1
const LEAD = 'u-lead-santos';
const MINUTE = 60_000;

type Result = { id: number; outcome: string; code?: string };

describe.each(STORES)('corrections and undo through a real push (%s)', (store) => {
  let h: Harness;
  let token: string;
  let op: Operation;
  let shiftId: string;
  let shiftEnd: number;
  const results = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: Result[] }).results.map((r) => (r.outcome === 'applied' ? 'applied' : r.code));
  };
  const audit = (id: string) => recordOf<AuditEntry>(h.store, 'audit', id);

  beforeEach(async () => {
    h = await makeHarness({ store });
    ({ token } = await h.enroll(['st-mill-1']));
    op = await pendingOpAt(h.store, 'st-mill-1');
    // The seeded shift the server's clock is in, in the server's own zone.
    const shifts = await allOf<Shift>(h.store, 'shifts');
    const now = h.clock.now();
    const shift = shifts.find((s) => shiftOccurrence(s, now) !== undefined)!;
    shiftId = shift.id;
    shiftEnd = shiftOccurrence(shift, now)! + shiftMinutes(shift.start, shift.end) * MINUTE;
  });
  afterEach(() => h.close());

  it('[C1] [A4] a correction and an undo apply, the totals follow, the originals stay, each is audited', async () => {
    const at = new Date(h.clock.now()).toISOString();
    const got = await results(
      await h.push({ token }, 'client-c-1', [
        { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
        { id: 2, name: 'reportQuantity', args: { id: 'qr-a', operationId: op.id, good: 7, scrap: 0 }, actorId: OP },
        {
          id: 3,
          name: 'correctQuantity',
          args: { id: 'qr-a-fix', reportId: 'qr-a', good: 6, scrap: 1, scrapReason: 'DIM', reason: 'one was out of tolerance', shiftId },
          actorId: OP,
        },
        { id: 4, name: 'pauseOperation', args: { operationId: op.id }, actorId: OP },
        { id: 5, name: 'undoLast', args: { id: 'u-5', operationId: op.id, act: 'pauseOperation', actAt: at }, actorId: OP },
        { id: 6, name: 'reportQuantity', args: { id: 'qr-b', operationId: op.id, good: 2, scrap: 0 }, actorId: OP },
        { id: 7, name: 'undoLast', args: { id: 'qr-b-undo', operationId: op.id, act: 'reportQuantity', reportId: 'qr-b' }, actorId: OP },
      ]),
    );
    expect(got).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied']);

    expect(await recordOf<Operation>(h.store, 'operations', op.id)).toMatchObject({ status: 'running', good: 6, scrap: 1 });
    expect(await recordOf<QuantityReport>(h.store, 'quantityReports', 'qr-a')).toMatchObject({ good: 7, scrap: 0 });
    expect(await recordOf<QuantityReport>(h.store, 'quantityReports', 'qr-a-fix')).toMatchObject({
      kind: 'correction',
      correctsId: 'qr-a',
      good: -1,
      scrap: 1,
      reason: 'one was out of tolerance',
      userId: OP,
    });
    expect(await recordOf<QuantityReport>(h.store, 'quantityReports', 'qr-b-undo')).toMatchObject({
      kind: 'correction',
      correctsId: 'qr-b',
      good: -2,
      reason: 'undo',
    });

    const fix = (await audit('client-c-1:3'))!;
    expect(fix).toMatchObject({ outcome: 'applied', mutation: 'correctQuantity', actorId: OP });
    expect(fix.before['quantityReports/qr-a-fix']).toBeNull();
    expect((fix.before[`operations/${op.id}`] as Operation).good).toBe(7);
    expect((fix.after[`operations/${op.id}`] as Operation).good).toBe(6);
    const undo = (await audit('client-c-1:5'))!;
    expect(undo).toMatchObject({ outcome: 'applied', mutation: 'undoLast' });
    expect((undo.before[`operations/${op.id}`] as Operation).status).toBe('paused');
    expect((undo.after[`operations/${op.id}`] as Operation).status).toBe('running');
    // The undone pause stays in the trail: nothing that happened is edited away (A4).
    expect(await audit('client-c-1:4')).toMatchObject({ outcome: 'applied', mutation: 'pauseOperation' });
    expect(await verifyAuditChain(h.store)).toMatchObject({ ok: true });
  });

  it('after two minutes the operator’s undo is refused; a lead corrects any time, and an operator not after the shift', async () => {
    const at = new Date(h.clock.now()).toISOString();
    await results(
      await h.push({ token }, 'client-c-2', [
        { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
        { id: 2, name: 'reportQuantity', args: { id: 'qr-a', operationId: op.id, good: 7, scrap: 0 }, actorId: OP },
      ]),
    );
    h.clock.advance(3 * MINUTE);
    expect(
      await results(
        await h.push({ token }, 'client-c-2', [
          { id: 3, name: 'undoLast', args: { id: 'u-3', operationId: op.id, act: 'startOperation', actAt: at }, actorId: OP },
          { id: 4, name: 'undoLast', args: { id: 'u-4', operationId: op.id, act: 'reportQuantity', reportId: 'qr-a' }, actorId: OP },
        ]),
      ),
    ).toEqual(['undo-window-closed', 'undo-window-closed']);
    // A tablet whose clock says the undo came in time: the server's own clock still refuses it.
    expect(
      await results(
        await h.push({ token }, 'client-c-2', [
          { id: 5, name: 'undoLast', args: { id: 'u-5', operationId: op.id, act: 'startOperation', actAt: at }, actorId: OP, at },
        ]),
      ),
    ).toEqual(['undo-window-closed']);

    h.clock.set(shiftEnd + MINUTE);
    const later = new Date(h.clock.now()).toISOString();
    const fix = { id: 'qr-a-fix', reportId: 'qr-a', good: 5, scrap: 0, reason: 'recounted', shiftId };
    expect(await results(await h.push({ token }, 'client-c-2', [{ id: 6, name: 'correctQuantity', args: fix, actorId: OP }]))).toEqual([
      'correction-window-closed',
    ]);
    const lead = await withProofs(h.store, 'client-c-2', later, [{ id: 7, name: 'correctQuantity', args: { ...fix, shiftId: undefined }, actorId: LEAD }]);
    expect(await results(await h.push({ token }, 'client-c-2', lead))).toEqual(['applied']);
    expect(await recordOf<Operation>(h.store, 'operations', op.id)).toMatchObject({ status: 'running', good: 5 });
    expect(await audit('client-c-2:7')).toMatchObject({ outcome: 'applied', actorId: LEAD, backing: 'pin' });
    expect(await audit('client-c-2:6')).toMatchObject({ outcome: 'rejected', code: 'correction-window-closed' });
  });
});
