import type { ActWords } from '../en/acts';
import { formatDate, formatNumber } from '../format';
import { changeKindWord, holdKindWord, pauseReasonWord } from '../words';

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
const count = (good: number, scrap: number) => `${formatNumber(good)} buenas, ${formatNumber(scrap)} de desecho`;
const UNDONE = {
  startOperation: 'su inicio',
  pauseOperation: 'su pausa',
  completeOperation: 'su finalización',
  reportQuantity: 'su informe de cantidad',
} as const;

export const acts: ActWords = {
  startOperation: () => 'inició la operación',
  pauseOperation: (a) => `pausó la operación${a.reason ? `: ${pauseReasonWord(a.reason)}` : ''}`,
  completeOperation: () => 'terminó la operación',
  reportQuantity: (a, c) => `informó ${count(a.good, a.scrap)}${a.scrapReason ? ` (${c.reasonLabel(a.scrapReason)})` : ''}`,
  acknowledgeChange: () => 'confirmó el cambio de programa',
  addNote: (a) => `escribió una nota: ${clip(a.text)}`,
  postScheduleChange: (a) => `publicó un cambio (${changeKindWord(a.kind)}): ${a.message}`,
  placeHold: (a) => `puso una retención por ${holdKindWord(a.kind)}: ${a.reason}`,
  releaseHold: () => 'liberó la retención',
  resolveConflict: (a) =>
    a.choice === 'mine'
      ? `resolvió un conflicto aplicando el cambio de la tableta${a.resolution ? `: ${a.resolution}` : ''}`
      : `resolvió un conflicto conservando lo del servidor${a.resolution ? `: ${a.resolution}` : ''}`,
  editWorkOrder: (a) =>
    [a.priority !== undefined ? `fijó la prioridad ${formatNumber(a.priority)}` : '', a.dueAt ? `movió la fecha límite al ${formatDate(a.dueAt)}` : '']
      .filter(Boolean)
      .join(', '),
  createDocument: (a) => `subió el documento ${a.number} rev. ${a.revision}: ${a.title}`,
  releaseDocument: () => 'liberó una revisión de documento',
  releaseTraveler: (a) => `liberó la revisión ${a.revision} de la hoja de ruta`,
  correctQuantity: (a) => `corrigió un informe de cantidad a ${count(a.good, a.scrap)}: ${a.reason}`,
  undoLast: (a) => `deshizo ${UNDONE[a.act]}`,
};
