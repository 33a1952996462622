import type { Conflict } from '../../../shared/schema';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { mutationNoun, operationStatusWord } from '../../i18n/words';
import type { JobParts } from '../../queries/console';

// A conflict card's words (C2, C4): the job it is about and both sides, never a raw `key: value`.

const TRY = ['startOperation', 'pauseOperation', 'completeOperation', 'reportQuantity', 'placeHold', 'releaseHold', 'editWorkOrder'] as const;
const DID = ['startOperation', 'pauseOperation', 'completeOperation', 'placeHold', 'releaseHold', 'editWorkOrder'] as const;
const isOne = <T extends string>(list: readonly T[], x: string): x is T => (list as readonly string[]).includes(x);

/** "complete the operation": what the tablet tried, after "tried to". */
export function triedWords(mutation: string): string {
  if (isOne(TRY, mutation)) return t(`console.conflicts.try.${mutation}`);
  return t('console.conflicts.try.other', mutationNoun(mutation) ?? mutation);
}

/** "completed the operation": what the other side did. */
export function didWords(mutation: string): string {
  if (isOne(DID, mutation)) return t(`console.conflicts.verb.${mutation}`);
  return t('console.conflicts.verb.other', mutationNoun(mutation) ?? mutation);
}

/** "WO-241004 · op 10 · Mill 1", or the work order alone, or a plain "a job this console does not have". */
export function jobWords(job: JobParts | undefined, stationName: (id: string) => string): string {
  if (!job) return t('console.conflicts.unknownJob');
  if (job.seq === undefined) return t('console.conflicts.jobNoOp', job.workOrder);
  return t('console.conflicts.job', job.workOrder, formatNumber(job.seq), job.stationId ? stationName(job.stationId) : '');
}

const HOLD_STATUS = ['open', 'released'] as const;
const WO_STATUS = ['released', 'in-progress', 'completed', 'cancelled'] as const;
const FIELDS = ['priority', 'dueAt', 'quantity', 'description', 'status'] as const;
const isHoldAct = (mutation: string) => mutation === 'placeHold' || mutation === 'releaseHold';
const looksLikeTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v);

function valueWords(v: unknown): string {
  if (looksLikeTime(v)) return formatDateTime(v);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/**
 * What the server kept, in words: "operation completed", "hold already released", "priority 5";
 * ids are left out (the job is named in the card's title).
 */
export function keptWords(c: Pick<Conflict, 'kept' | 'mutation'>, nameOf: (id: string) => string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(c.kept)) {
    if (/Id$/.test(k) || v === null || v === undefined) continue;
    const s = String(v);
    if (k === 'status' && isHoldAct(c.mutation)) out.push(t('console.conflicts.kept.hold', isOne(HOLD_STATUS, s) ? t(`console.conflicts.holdStatus.${s}`) : s));
    else if (k === 'status' && c.mutation !== 'editWorkOrder') out.push(t('console.conflicts.kept.operation', operationStatusWord(s)));
    else if (k === 'workOrderStatus') out.push(t('console.conflicts.kept.workOrder', isOne(WO_STATUS, s) ? t(`console.conflicts.woStatus.${s}`) : s));
    else if (k === 'revision') out.push(t('console.conflicts.kept.revision', s));
    else if (k === 'seenRevision') out.push(t('console.conflicts.kept.seenRevision', s));
    else if (k === 'releasedBy') out.push(t('console.conflicts.kept.releasedBy', nameOf(s)));
    else if (k === 'releasedAt') out.push(t('console.conflicts.kept.releasedAt', valueWords(v)));
    else if (k === 'status' && isOne(WO_STATUS, s)) out.push(t('console.conflicts.kept.workOrder', t(`console.conflicts.woStatus.${s}`)));
    else out.push(t('console.conflicts.kept.field', isOne(FIELDS, k) ? t(`console.conflicts.field.${k}`) : k, valueWords(v)));
  }
  return out;
}
