import { newId } from '../../../shared/ids';
import type { CorrectionDraft } from '../../components/ReportCorrections';
import type { UndoTarget } from '../../components/report-rows';
import { t as tr } from '../../i18n';
import type { OperationActions } from './operation-actions';

/**
 * Undo and correction on a card, through the shared `act` (one mutation at a time, the result on
 * that card: keys `undo:<id>` and `fix:<id>`, see card-result-text.ts).
 */
export function createCorrectionActions(ops: OperationActions) {
  return {
    /** Takes back this person's last act on the operation (undoLast; a report by a correction record). */
    undo: (operationId: string, u: UndoTarget) =>
      ops.act(
        `undo:${operationId}`,
        'undoLast',
        u.act === 'reportQuantity' ? { id: newId(), operationId, act: u.act, reportId: u.reportId } : { id: newId(), operationId, act: u.act, actAt: u.actAt },
        tr('corr.undo.done'),
      ),
    /** Corrects a report to its right numbers; an operator names the shift they are on (the server checks it). */
    correct: async (operationId: string, d: CorrectionDraft, shiftId: string | undefined) => {
      const args = { id: newId(), ...d, ...(shiftId ? { shiftId } : {}) };
      const r = await ops.act(`fix:${operationId}`, 'correctQuantity', args, tr('corr.fix.saved'));
      return r?.outcome === 'applied';
    },
  };
}
