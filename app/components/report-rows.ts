import type { Operation, QuantityReport, Role, Shift } from '../../shared/schema';
import { CORRECTORS } from '../../shared/domain/mutators/corrections';
import { sameShift, shiftOccurrence, UNDO_WINDOW_MS } from '../../shared/domain/quantity';

/** One report as the Reports panel shows it: its numbers now (with its corrections) and whether it was corrected. */
export interface ReportRow {
  report: QuantityReport;
  good: number;
  scrap: number;
  corrected: boolean;
}

/** The shift running at `nowMs`: the one an operator names when correcting (the server checks it). */
export function currentShift(shifts: readonly Shift[], nowMs: number): Shift | undefined {
  return shifts.find((s) => shiftOccurrence(s, nowMs) !== undefined);
}

/** True when this role corrects anyone's report at any time (a lead); an operator only their own, this shift. */
export const isCorrector = (role: Role) => CORRECTORS.includes(role);

/**
 * The reports of one operation this person may correct, newest first, each with its corrections
 * summed in (C1: the original stays, corrections carry the difference).
 */
export function correctableRows(reports: readonly QuantityReport[], me: { id: string; role: Role }, shift: Shift | undefined, nowMs: number): ReportRow[] {
  const fixes = reports.filter((r) => r.kind === 'correction');
  const lead = isCorrector(me.role);
  return reports
    .filter((r) => r.kind !== 'correction')
    .filter((r) => lead || (r.userId === me.id && shift !== undefined && sameShift(shift, Date.parse(r.at), nowMs)))
    .map((report) => {
      const mine = fixes.filter((f) => f.correctsId === report.id);
      return {
        report,
        good: mine.reduce((n, f) => n + f.good, report.good),
        scrap: mine.reduce((n, f) => n + f.scrap, report.scrap),
        corrected: mine.length > 0,
      };
    })
    .sort((a, b) => b.report.at.localeCompare(a.report.at));
}

/** The act an Undo would take back, as undoLast names it, with the device time it was done. */
export type UndoTarget =
  | { act: 'startOperation' | 'pauseOperation' | 'completeOperation'; actAt: string; at: number }
  | { act: 'reportQuantity'; reportId: string; at: number };

/**
 * This person's last act on the operation that undoLast could still take back: the operation's
 * last change when it is theirs, or their last uncorrected report, whichever is newer. The window
 * is the caller's to check (`undoLeft`), so the card can say when it closed.
 */
export function lastOwnAct(op: Operation, reports: readonly QuantityReport[], userId: string): UndoTarget | undefined {
  const lc = op.lastChange;
  const acts: UndoTarget[] = [];
  if (lc && lc.actorId === userId && lc.from && (lc.mutation === 'startOperation' || lc.mutation === 'pauseOperation' || lc.mutation === 'completeOperation')) {
    acts.push({ act: lc.mutation, actAt: lc.at, at: Date.parse(lc.at) });
  }
  const corrected = new Set(reports.filter((r) => r.kind === 'correction').map((r) => r.correctsId));
  const report = reports.filter((r) => r.kind !== 'correction' && r.userId === userId && !corrected.has(r.id)).sort((a, b) => b.at.localeCompare(a.at))[0];
  if (report) acts.push({ act: 'reportQuantity', reportId: report.id, at: Date.parse(report.at) });
  return acts.sort((a, b) => b.at - a.at)[0];
}

/** Milliseconds left to undo an act done at `at`; 0 or less when the window has closed. */
export const undoLeft = (at: number, nowMs: number) => UNDO_WINDOW_MS - (nowMs - at);
