import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import { sameShift, shiftOccurrence } from '../../shared/domain/quantity';
import type { MutationContext } from '../../shared/domain/tx';
import type { OperationChange, OperationStatus } from '../../shared/schema';
import { QuantityReport } from '../../shared/schema';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeConsoleCtx, makeHold, makeOperation, makeQuantityReport, makeShift, seedFloor } from '../fakes/builders';

const UTC = () => 0;
const ms = (iso: string) => Date.parse(iso);
/** Ana's report of 5 good at 09:00 UTC (day shift 06:00–14:00), already counted on the operation. */
const world = () =>
  seedFloor(new MemoryTx())
    .seed('shifts', makeShift(), makeShift({ id: 'shift-night', name: 'Night', start: '22:00', end: '06:00' }))
    .seed('operations', makeOperation({ status: 'running', good: 5 }))
    .seed('quantityReports', makeQuantityReport({ at: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:00:01.000Z' }));
const fix = (o: Record<string, unknown> = {}) => ({
  id: 'qr-fix',
  reportId: 'qr-1',
  good: 4,
  scrap: 1,
  scrapReason: 'BURR',
  reason: 'miscounted',
  shiftId: 'shift-day',
  ...o,
});
const ctx = (o: Parameters<typeof makeActorCtx>[0] = {}): MutationContext => makeActorCtx({ zone: UTC, at: '2026-11-21T10:00:00.000Z', ...o });
const lead = (o: Parameters<typeof makeActorCtx>[0] = {}) => ctx({ ...o, actor: { id: IDS.lead, role: 'lead', stationIds: [IDS.saw] } });

describe('the shift calendar', () => {
  it.each([
    ['06:00', '14:00', '2026-11-21T06:00:00.000Z', '2026-11-21T06:00:00.000Z'],
    ['06:00', '14:00', '2026-11-21T13:59:59.000Z', '2026-11-21T06:00:00.000Z'],
    ['06:00', '14:00', '2026-11-21T14:00:00.000Z', undefined],
    ['06:00', '14:00', '2026-11-21T05:00:00.000Z', undefined],
    ['22:00', '06:00', '2026-11-21T23:00:00.000Z', '2026-11-21T22:00:00.000Z'],
    ['22:00', '06:00', '2026-11-22T03:00:00.000Z', '2026-11-21T22:00:00.000Z'],
    ['22:00', '06:00', '2026-11-22T07:00:00.000Z', undefined],
  ])('a %s–%s shift: %s falls in the occurrence that began %s', (start, end, at, began) => {
    const got = shiftOccurrence({ start, end }, ms(at), UTC);
    expect(got === undefined ? undefined : new Date(got).toISOString()).toBe(began);
  });

  it('the zone moves the wall clock: 06:00 in UTC−6 is 12:00 UTC', () => {
    expect(new Date(shiftOccurrence({ start: '06:00', end: '14:00' }, ms('2026-11-21T13:00:00.000Z'), () => -360)!).toISOString()).toBe(
      '2026-11-21T12:00:00.000Z',
    );
  });

  it.each([
    ['09:00 and 13:00 of one day shift', '2026-11-21T09:00:00.000Z', '2026-11-21T13:00:00.000Z', true],
    ['the same hour of two days', '2026-11-20T09:00:00.000Z', '2026-11-21T09:00:00.000Z', false],
    ['inside, then after the end', '2026-11-21T09:00:00.000Z', '2026-11-21T14:30:00.000Z', false],
  ])('sameShift: %s → %s', (_, a, b, same) => {
    expect(sameShift({ start: '06:00', end: '14:00' }, ms(a), ms(b), UTC)).toBe(same);
  });

  it('a night shift spans midnight', () => {
    expect(sameShift({ start: '22:00', end: '06:00' }, ms('2026-11-21T23:00:00.000Z'), ms('2026-11-22T05:00:00.000Z'), UTC)).toBe(true);
  });
});

describe('correctQuantity (C1: append-only, A4: audited)', () => {
  it('appends a correction by the difference; the original stays, the totals follow', async () => {
    const tx = world();
    const r = await applyMutation(tx, 'correctQuantity', fix(), ctx());
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('quantityReports', 'qr-1')).toMatchObject({ good: 5, scrap: 0 });
    const { version: _v, updatedAt: _u, ...c } = tx.peek('quantityReports', 'qr-fix')!;
    expect(c).toEqual({
      id: 'qr-fix',
      operationId: IDS.opSaw,
      workOrderId: IDS.wo,
      stationId: IDS.saw,
      kind: 'correction',
      correctsId: 'qr-1',
      reason: 'miscounted',
      good: -1,
      scrap: 1,
      scrapReason: 'BURR',
      userId: IDS.operator,
      deviceId: IDS.device,
      at: '2026-11-21T10:00:00.000Z',
      flags: [],
    });
    expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: 4, scrap: 1, status: 'running' });
  });

  it('a second correction corrects what the report says now, not the original', async () => {
    const tx = world();
    await applyMutation(tx, 'correctQuantity', fix({ good: 3, scrap: 0 }), ctx());
    await applyMutation(tx, 'correctQuantity', fix({ id: 'qr-fix-2', good: 6, scrap: 0 }), ctx());
    expect(tx.peek('quantityReports', 'qr-fix-2')).toMatchObject({ good: 3, scrap: 0 });
    expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: 6, scrap: 0 });
  });

  it('a lead corrects anyone’s report any time (next day, no shift named)', async () => {
    const tx = world();
    const r = await applyMutation(tx, 'correctQuantity', fix({ shiftId: undefined }), lead({ at: '2026-11-22T15:00:00.000Z' }));
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('quantityReports', 'qr-fix')).toMatchObject({ userId: IDS.lead });
  });

  it('the coordinator console corrects too', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'correctQuantity', fix({ shiftId: undefined }), makeConsoleCtx())).toEqual({ outcome: 'applied' });
  });

  it('a correction past the quantity ordered is flagged (C5)', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'correctQuantity', fix({ good: 101, scrap: 0 }), ctx())).toEqual({ outcome: 'applied', flags: ['over-reported'] });
  });

  it('a correction is allowed on a held job: it fixes a count, it makes no parts', async () => {
    const tx = world().seed('holds', makeHold());
    expect(await applyMutation(tx, 'correctQuantity', fix(), ctx())).toEqual({ outcome: 'applied' });
  });

  describe('refusals write nothing', () => {
    it.each<[string, Record<string, unknown>, (tx: MemoryTx) => void, MutationContext, string]>([
      ['an unknown report', { reportId: 'qr-nope' }, () => {}, ctx(), 'report-not-found'],
      [
        'a correction named as the report',
        { reportId: 'qr-c' },
        (tx) => tx.seed('quantityReports', makeQuantityReport({ id: 'qr-c', kind: 'correction', correctsId: 'qr-1', reason: 'x', good: -1 })),
        ctx(),
        'report-not-found',
      ],
      ['an operator correcting another’s report', {}, (tx) => tx.seed('quantityReports', makeQuantityReport({ userId: 'u-other' })), ctx(), 'not-your-report'],
      ['an operator after the shift ended', {}, () => {}, ctx({ at: '2026-11-21T14:05:00.000Z' }), 'correction-window-closed'],
      ['an operator the next day', {}, () => {}, ctx({ at: '2026-11-22T09:00:00.000Z' }), 'correction-window-closed'],
      ['an operator naming another shift', { shiftId: 'shift-night' }, () => {}, ctx(), 'correction-window-closed'],
      ['an operator naming no shift', { shiftId: undefined }, () => {}, ctx(), 'correction-window-closed'],
      ['an operator naming an unknown shift', { shiftId: 'shift-x' }, () => {}, ctx(), 'correction-window-closed'],
      ['the same numbers', { good: 5, scrap: 0 }, () => {}, ctx(), 'correction-unchanged'],
      ['scrap with no reason anywhere', { scrapReason: undefined }, () => {}, ctx(), 'scrap-reason-required'],
      ['an id already used', {}, (tx) => tx.seed('quantityReports', makeQuantityReport({ id: 'qr-fix' })), ctx(), 'duplicate-id'],
      ['totals that would go below zero', { good: 0, scrap: 0 }, (tx) => tx.seed('operations', makeOperation({ good: 2 })), ctx(), 'correction-below-zero'],
      ['a device at another station', {}, () => {}, ctx({ deviceStationIds: [IDS.mill] }), 'not-allowed-at-station'],
      [
        'a report whose operation is gone',
        {},
        (tx) => tx.seed('quantityReports', makeQuantityReport({ operationId: 'op-gone' })),
        ctx(),
        'operation-not-found',
      ],
    ])('%s → %s', async (_, args, arrange, c, code) => {
      const tx = world();
      arrange(tx);
      const before = tx.all('operations');
      expect(await applyMutation(tx, 'correctQuantity', fix(args), c)).toMatchObject({ outcome: 'rejected', code });
      expect(tx.writes).toEqual([]);
      expect(tx.all('operations')).toEqual(before);
    });

    it.each<[string, unknown]>([
      ['2.5', 2.5],
      ['-5', -5],
      ['20 digits', Number('12345678901234567890')],
    ])('a corrected count of %s is invalid-args', async (_, good) => {
      const tx = world();
      expect(await applyMutation(tx, 'correctQuantity', fix({ good }), ctx())).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
      expect(tx.writes).toEqual([]);
    });
  });

  it('the schema lets only a correction count down, and a correction names its report and reason', () => {
    expect(QuantityReport.safeParse(makeQuantityReport({ good: -1 })).success).toBe(false);
    expect(QuantityReport.safeParse(makeQuantityReport({ kind: 'correction', good: -1 })).success).toBe(false);
    expect(QuantityReport.safeParse(makeQuantityReport({ kind: 'correction', good: -1, correctsId: 'qr-0', reason: 'r' })).success).toBe(true);
  });
});

describe('undoLast: the actor’s own last act, within two minutes', () => {
  const T = '2026-11-21T10:00:00.000Z';
  const change = (o: Partial<OperationChange> = {}): OperationChange => ({
    mutation: 'startOperation',
    actorId: IDS.operator,
    deviceId: IDS.device,
    at: T,
    from: 'pending',
    recordedAt: '2026-11-21T10:00:05.000Z',
    ...o,
  });
  const opWith = (status: OperationStatus, lc: OperationChange | null) =>
    seedFloor(new MemoryTx()).seed('operations', makeOperation({ status, lastChange: lc }));
  const soon = (o: Parameters<typeof makeActorCtx>[0] = {}) => ctx({ at: '2026-11-21T10:01:30.000Z', now: '2026-11-21T10:01:40.000Z', ...o });
  const undo = (o: Record<string, unknown> = {}) => ({ id: 'qr-undo', operationId: IDS.opSaw, act: 'startOperation', actAt: T, ...o });

  it.each<[string, OperationStatus, OperationStatus, OperationStatus]>([
    ['startOperation', 'pending', 'running', 'pending'],
    ['startOperation', 'paused', 'running', 'paused'],
    ['pauseOperation', 'running', 'paused', 'running'],
    ['completeOperation', 'running', 'completed', 'running'],
    ['completeOperation', 'paused', 'completed', 'paused'],
  ])('undoing %s (from %s, now %s) puts it back to %s', async (act, from, now, back) => {
    const tx = opWith(now, change({ mutation: act, from }));
    const r = await applyMutation(tx, 'undoLast', undo({ act }), soon());
    expect(r).toEqual({ outcome: 'applied' });
    const op = tx.peek('operations', IDS.opSaw)!;
    expect(op.status).toBe(back);
    expect(op.lastChange).toMatchObject({ mutation: 'undoLast', actorId: IDS.operator, from: now });
  });

  it('a completed job goes back in progress when its completion is undone', async () => {
    const tx = opWith('completed', change({ mutation: 'completeOperation', from: 'running' }));
    tx.seed('workOrders', { ...tx.peek('workOrders', IDS.wo)!, operationCount: 1, status: 'completed' });
    tx.remove('operations', IDS.opMill);
    await applyMutation(tx, 'undoLast', undo({ act: 'completeOperation' }), soon());
    expect(tx.peek('workOrders', IDS.wo)!.status).toBe('in-progress');
  });

  it('an undo cannot be undone twice: the undo itself is the last change now', async () => {
    const tx = opWith('running', change());
    await applyMutation(tx, 'undoLast', undo(), soon());
    expect(await applyMutation(tx, 'undoLast', undo(), soon())).toMatchObject({ outcome: 'rejected', code: 'undo-superseded' });
  });

  it.each<[string, OperationStatus, OperationChange | null, Record<string, unknown>, MutationContext, string]>([
    ['after two minutes by the device clock', 'running', change(), {}, soon({ at: '2026-11-21T10:02:01.000Z' }), 'undo-window-closed'],
    ['after two minutes by the server clock', 'running', change(), {}, soon({ now: '2026-11-21T10:02:06.000Z' }), 'undo-window-closed'],
    ['someone else’s act', 'running', change({ actorId: 'u-other' }), {}, soon(), 'not-your-act'],
    ['an act followed by another', 'paused', change({ mutation: 'pauseOperation', from: 'running' }), {}, soon(), 'undo-superseded'],
    ['an act at another time', 'running', change(), { actAt: '2026-11-21T09:59:00.000Z' }, soon(), 'undo-superseded'],
    ['an operation never changed', 'pending', null, {}, soon(), 'undo-superseded'],
    ['an act recorded before undo existed (no from)', 'running', change({ from: undefined }), {}, soon(), 'undo-superseded'],
    ['an unknown operation', 'running', change(), { operationId: 'op-x' }, soon(), 'operation-not-found'],
    ['a device at another station', 'running', change(), {}, soon({ deviceStationIds: [IDS.mill] }), 'not-allowed-at-station'],
  ])('%s → %s, and nothing is written', async (_, status, lc, args, c, code) => {
    const tx = opWith(status, lc);
    expect(await applyMutation(tx, 'undoLast', undo(args), c)).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
  });

  it('undoing a pause on a job put on hold meanwhile is a work-order-on-hold conflict', async () => {
    const tx = opWith('paused', change({ mutation: 'pauseOperation', from: 'running' })).seed('holds', makeHold());
    expect(await applyMutation(tx, 'undoLast', undo({ act: 'pauseOperation' }), soon())).toMatchObject({ outcome: 'conflict', code: 'work-order-on-hold' });
    expect(tx.writes).toEqual([]);
  });

  it('an act the server has not stored yet (the tablet’s own) is timed by the device clock alone', async () => {
    const tx = opWith('running', change({ recordedAt: undefined }));
    expect(await applyMutation(tx, 'undoLast', undo(), soon({ now: '2026-11-21T11:00:00.000Z' }))).toEqual({ outcome: 'applied' });
  });

  describe('a report is undone by a reversing correction', () => {
    const reported = () =>
      seedFloor(new MemoryTx())
        .seed('operations', makeOperation({ status: 'running', good: 5, scrap: 2 }))
        .seed('quantityReports', makeQuantityReport({ scrap: 2, scrapReason: 'BURR', at: T, updatedAt: '2026-11-21T10:00:05.000Z' }));
    const undoReport = (o: Record<string, unknown> = {}) => ({ id: 'qr-undo', operationId: IDS.opSaw, act: 'reportQuantity', reportId: 'qr-1', ...o });

    it('appends −good, −scrap with the reason "undo"; the report stays', async () => {
      const tx = reported();
      expect(await applyMutation(tx, 'undoLast', undoReport(), soon())).toEqual({ outcome: 'applied' });
      expect(tx.peek('quantityReports', 'qr-undo')).toMatchObject({ kind: 'correction', correctsId: 'qr-1', reason: 'undo', good: -5, scrap: -2 });
      expect(tx.peek('quantityReports', 'qr-1')).toMatchObject({ good: 5, scrap: 2 });
      expect(tx.peek('operations', IDS.opSaw)).toMatchObject({ good: 0, scrap: 0 });
    });

    it.each<[string, (tx: MemoryTx) => void, Record<string, unknown>, MutationContext, string]>([
      ['after two minutes', () => {}, {}, soon({ at: '2026-11-21T10:03:00.000Z' }), 'undo-window-closed'],
      ['reached the server more than two minutes ago', () => {}, {}, soon({ now: '2026-11-21T10:05:00.000Z' }), 'undo-window-closed'],
      ['someone else’s report', (tx) => tx.seed('quantityReports', makeQuantityReport({ userId: 'u-other', at: T })), {}, soon(), 'not-your-report'],
      [
        'a report corrected since',
        (tx) => tx.seed('quantityReports', makeQuantityReport({ id: 'qr-c', kind: 'correction', correctsId: 'qr-1', reason: 'x', good: -1 })),
        {},
        soon(),
        'undo-superseded',
      ],
      ['a report of another operation', () => {}, { operationId: IDS.opMill }, soon(), 'report-not-found'],
      ['an unknown report', () => {}, { reportId: 'qr-x' }, soon(), 'report-not-found'],
      ['an undo id already used', (tx) => tx.seed('quantityReports', makeQuantityReport({ id: 'qr-undo' })), {}, soon(), 'duplicate-id'],
      ['totals that would go below zero', (tx) => tx.seed('operations', makeOperation({ good: 1, scrap: 2 })), {}, soon(), 'correction-below-zero'],
    ])('%s → %s', async (_, arrange, args, c, code) => {
      const tx = reported();
      arrange(tx);
      expect(await applyMutation(tx, 'undoLast', undoReport(args), c)).toMatchObject({ outcome: 'rejected', code });
      expect(tx.writes).toEqual([]);
    });
  });
});
