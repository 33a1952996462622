import { t, type MessageKey } from '../i18n';
import { resultText, type ResultLike } from './outcome-text';

/** Keys of acts whose result shows on an operation's card (`op:<id>`, `qty:<id>`, `fix:<id>`), not at the top. */
export function cardOf(key: string): string | null {
  const m = /^(?:op|qty|fix|undo):(.+)$/.exec(key);
  return m ? m[1]! : null;
}

/** The result for one card: the last result when it was a tap on that card, else null. */
export function resultFor<R extends { key: string }>(result: R | null, operationId: string): R | null {
  return result && cardOf(result.key) === operationId ? result : null;
}

/** The codes of corrections, undo, holds and cancellation say their words from this area's catalogue. */
export function cardResultText(r: ResultLike, done: string, nameOf: (id: string) => string | undefined): string {
  if (r.outcome !== 'applied') {
    const key = `corr.code.${r.code}` as MessageKey;
    if (key in CODES) return t('corr.notDone', t(key as 'corr.code.other'));
  }
  return resultText(r, done, nameOf);
}

const CODES: Record<string, true> = Object.fromEntries(
  [
    'work-order-cancelled',
    'report-not-found',
    'not-your-report',
    'not-your-act',
    'correction-window-closed',
    'correction-below-zero',
    'correction-unchanged',
    'undo-window-closed',
    'undo-superseded',
  ].map((c) => [`corr.code.${c}`, true]),
);
