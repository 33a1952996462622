import { z } from 'zod';
import type { Operation, QuantityReport, Role } from '../../schema';
import { Id, Timestamp } from '../../schema';
import { MAX_QUANTITY, sameShift, UNDO_WINDOW_MS } from '../quantity';
import { applied, mayActAt, rejected, type MutationContext, type MutationResultValue, type Tx } from '../tx';
import { defineMutator, FLOOR, lastChange } from './define';
import { heldConflict, openHoldOn, updateWorkOrderStatus } from './operations';

/** Roles that correct any report at any time; an operator corrects only their own, in the same shift. */
export const CORRECTORS: readonly Role[] = ['lead', 'supervisor', 'coordinator', 'admin'];

/** What a report counts now: its own numbers plus every correction of it (C1: nothing is edited). */
export async function effectiveCounts(tx: Tx, report: QuantityReport): Promise<{ good: number; scrap: number; corrected: boolean }> {
  const fixes = (await tx.byRef('quantityReports', report.operationId)).filter((q) => q.kind === 'correction' && q.correctsId === report.id);
  return {
    good: fixes.reduce((n, q) => n + q.good, report.good),
    scrap: fixes.reduce((n, q) => n + q.scrap, report.scrap),
    corrected: fixes.length > 0,
  };
}

/** Appends a correction of `report` by signed deltas and moves the operation's totals with it. */
async function appendCorrection(
  tx: Tx,
  ctx: MutationContext,
  op: Operation,
  report: QuantityReport,
  c: { id: string; good: number; scrap: number; reason: string; scrapReason: string | null },
): Promise<MutationResultValue> {
  const good = op.good + c.good;
  const scrap = op.scrap + c.scrap;
  if (good < 0 || scrap < 0) return rejected('correction-below-zero', "the operation's totals would fall below zero");
  const wo = await tx.get('workOrders', op.workOrderId);
  const flags = wo && good + scrap > wo.quantity ? ['over-reported'] : [];
  await tx.put('quantityReports', {
    id: c.id,
    operationId: op.id,
    workOrderId: op.workOrderId,
    stationId: op.stationId,
    kind: 'correction',
    correctsId: report.id,
    reason: c.reason,
    good: c.good,
    scrap: c.scrap,
    scrapReason: c.scrapReason,
    userId: ctx.actor.id,
    deviceId: ctx.deviceId,
    at: ctx.at,
    flags,
  });
  await tx.put('operations', { ...op, good, scrap });
  return applied(flags);
}

/** The report and its operation, with the station check every correction starts with. */
async function reportAndOperation(tx: Tx, reportId: string, ctx: MutationContext) {
  const report = await tx.get('quantityReports', reportId);
  if (!report || report.kind === 'correction') return { error: rejected('report-not-found', 'no such quantity report') };
  const op = await tx.get('operations', report.operationId);
  if (!op) return { error: rejected('operation-not-found', 'no such operation') };
  if (!mayActAt(ctx, op.stationId)) return { error: rejected('not-allowed-at-station', 'this operation runs at a station you may not work at') };
  return { report, op };
}

export const correctQuantity = defineMutator({
  args: z.object({
    id: Id,
    reportId: Id,
    /** The report's right numbers (not deltas): the correction records the difference. */
    good: z.number().int().nonnegative().max(MAX_QUANTITY),
    scrap: z.number().int().nonnegative().max(MAX_QUANTITY),
    scrapReason: z.string().min(1).max(64).optional(),
    reason: z.string().trim().min(1).max(500),
    /** The shift the operator is on: an operator may correct only within the shift of the report. */
    shiftId: Id.optional(),
  }),
  roles: FLOOR,
  describe: (a) => `corrected a quantity report to ${a.good} good, ${a.scrap} scrap: ${a.reason}`,
  // C1, A4: the original stays; a new record carries the difference, with its reason, audited.
  async apply(tx, a, ctx) {
    const found = await reportAndOperation(tx, a.reportId, ctx);
    if ('error' in found) return found.error!;
    const { report, op } = found;
    if (!CORRECTORS.includes(ctx.actor.role)) {
      if (report.userId !== ctx.actor.id) return rejected('not-your-report', 'an operator corrects only their own reports; ask a lead');
      const shift = a.shiftId ? await tx.get('shifts', a.shiftId) : undefined;
      if (!shift || !sameShift(shift, Date.parse(report.at), Date.parse(ctx.at), ctx.zone)) {
        return rejected('correction-window-closed', 'the shift of this report is over; a lead can correct it');
      }
    }
    if (await tx.get('quantityReports', a.id)) return rejected('duplicate-id', 'this correction was already recorded');
    const now = await effectiveCounts(tx, report);
    const good = a.good - now.good;
    const scrap = a.scrap - now.scrap;
    if (good === 0 && scrap === 0) return rejected('correction-unchanged', 'the report already says these numbers');
    const scrapReason = a.scrapReason ?? report.scrapReason;
    if (a.scrap > 0 && !scrapReason) return rejected('scrap-reason-required', 'scrap needs a reason code');
    return appendCorrection(tx, ctx, op, report, { id: a.id, good, scrap, reason: a.reason, scrapReason });
  },
});

/** The acts an operator may undo, and the status each one leaves the operation in. */
const UNDOABLE = { startOperation: 'running', pauseOperation: 'paused', completeOperation: 'completed' } as const;

/** True when both clocks say the act is at most UNDO_WINDOW_MS old; `recordedAt` is absent on acts not yet stored. */
function withinWindow(ctx: MutationContext, actAt: string, recordedAt: string | undefined): boolean {
  const byDevice = Date.parse(ctx.at) - Date.parse(actAt);
  if (!(byDevice <= UNDO_WINDOW_MS)) return false;
  if (!recordedAt) return true;
  return Date.parse(ctx.now) - Date.parse(recordedAt) <= UNDO_WINDOW_MS;
}

export const undoLast = defineMutator({
  args: z
    .object({
      /** The correction record's id when the act was a report (a report is undone by a correction). */
      id: Id,
      operationId: Id,
      act: z.enum(['startOperation', 'pauseOperation', 'completeOperation', 'reportQuantity']),
      /** Device time of the start, pause or completion being undone: `lastChange.at` as the tablet saw it. */
      actAt: Timestamp.optional(),
      /** The report being undone. */
      reportId: Id.optional(),
    })
    .refine((a) => (a.act === 'reportQuantity' ? a.reportId !== undefined : a.actAt !== undefined), {
      message: 'a report is named by reportId, any other act by actAt',
    }),
  roles: FLOOR,
  describe: (a) => `undid their ${a.act === 'reportQuantity' ? 'quantity report' : a.act.replace('Operation', '')}`,
  // A compensating act: the undone one stays in the audit; only its own actor, only within the window.
  async apply(tx, a, ctx) {
    if (a.act === 'reportQuantity') {
      const found = await reportAndOperation(tx, a.reportId!, ctx);
      if ('error' in found) return found.error!;
      const { report, op } = found;
      if (report.operationId !== a.operationId) return rejected('report-not-found', 'no such quantity report on this operation');
      if (report.userId !== ctx.actor.id) return rejected('not-your-report', 'only the person who reported may undo it; ask a lead');
      if ((await effectiveCounts(tx, report)).corrected) return rejected('undo-superseded', 'this report was corrected since');
      if (!withinWindow(ctx, report.at, report.updatedAt || undefined)) {
        return rejected('undo-window-closed', 'more than two minutes have passed; a lead can correct it');
      }
      if (await tx.get('quantityReports', a.id)) return rejected('duplicate-id', 'this undo was already recorded');
      return appendCorrection(tx, ctx, op, report, { id: a.id, good: -report.good, scrap: -report.scrap, reason: 'undo', scrapReason: report.scrapReason });
    }
    const op = await tx.get('operations', a.operationId);
    if (!op) return rejected('operation-not-found', 'no such operation');
    if (!mayActAt(ctx, op.stationId)) return rejected('not-allowed-at-station', 'this operation runs at a station you may not work at');
    const lc = op.lastChange;
    // Only the last change of the operation can be undone: anything after it supersedes it.
    if (!lc || lc.mutation !== a.act || lc.at !== a.actAt || op.status !== UNDOABLE[a.act] || !lc.from) {
      return rejected('undo-superseded', 'the operation changed since; a lead can correct it');
    }
    if (lc.actorId !== ctx.actor.id) return rejected('not-your-act', 'only the person who did it may undo it');
    if (!withinWindow(ctx, lc.at, lc.recordedAt)) return rejected('undo-window-closed', 'more than two minutes have passed; a lead can correct it');
    // Undoing a pause puts the job back to work: a hold placed meanwhile blocks that like a start.
    if (lc.from === 'running') {
      const hold = await openHoldOn(tx, op);
      if (hold) return heldConflict(hold, op);
    }
    const undone = { ...op, status: lc.from, pauseReason: null, lastChange: { ...lastChange('undoLast', ctx), from: op.status, recordedAt: ctx.now } };
    await tx.put('operations', undone);
    await updateWorkOrderStatus(tx, op.workOrderId, undone);
    return applied();
  },
});
