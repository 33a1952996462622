import type { MutationArgs, MutationName } from '../../../shared/domain/mutators';
import { formatDate, formatNumber } from '../format';
import { changeKindWord, holdKindWord, pauseReasonWord } from '../words';

/** What a describer may ask about the plant: a reason code's label (a code shown as itself when unknown). */
export interface ActContext {
  reasonLabel: (code: string) => string;
}

/**
 * A line of the console's feed per mutation: what the person did, in words. A total map over the
 * catalogue (STYLE habit 2), so a new mutation without words does not compile; the mutator's own
 * `describe` stays the server's English for logs.
 */
export type ActWords = { [N in MutationName]: (a: MutationArgs<N>, c: ActContext) => string };

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
const count = (good: number, scrap: number) => `${formatNumber(good)} good, ${formatNumber(scrap)} scrap`;
const UNDONE = { startOperation: 'start', pauseOperation: 'pause', completeOperation: 'completion', reportQuantity: 'quantity report' } as const;

export const acts: ActWords = {
  startOperation: () => 'started the operation',
  pauseOperation: (a) => `paused the operation${a.reason ? `: ${pauseReasonWord(a.reason)}` : ''}`,
  completeOperation: () => 'completed the operation',
  reportQuantity: (a, c) => `reported ${count(a.good, a.scrap)}${a.scrapReason ? ` (${c.reasonLabel(a.scrapReason)})` : ''}`,
  acknowledgeChange: () => 'acknowledged the schedule change',
  addNote: (a) => `wrote a note: ${clip(a.text)}`,
  postScheduleChange: (a) => `posted a change (${changeKindWord(a.kind)}): ${a.message}`,
  placeHold: (a) => `placed a ${holdKindWord(a.kind)} hold: ${a.reason}`,
  releaseHold: () => 'released the hold',
  resolveConflict: (a) =>
    a.choice === 'mine'
      ? `resolved a conflict by applying the tablet’s change${a.resolution ? `: ${a.resolution}` : ''}`
      : `resolved a conflict, keeping the server’s${a.resolution ? `: ${a.resolution}` : ''}`,
  editWorkOrder: (a) =>
    [a.priority !== undefined ? `set priority ${formatNumber(a.priority)}` : '', a.dueAt ? `moved the due date to ${formatDate(a.dueAt)}` : '']
      .filter(Boolean)
      .join(', '),
  createDocument: (a) => `uploaded document ${a.number} rev. ${a.revision}: ${a.title}`,
  releaseDocument: () => 'released a document revision',
  releaseTraveler: (a) => `released traveler revision ${a.revision}`,
  correctQuantity: (a) => `corrected a quantity report to ${count(a.good, a.scrap)}: ${a.reason}`,
  undoLast: (a) => `undid their ${UNDONE[a.act]}`,
};
