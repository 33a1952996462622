import { Show } from 'solid-js';
import type { OperationStatus } from '../../shared/schema';
import { t } from '../i18n';

/** What a tap on a card came to, in words: shown on the card, next to what was tapped (STYLE 12). */
export interface CardResultValue {
  text: string;
  outcome: string;
}

/** The result line of a card, with a big OK that clears it. */
export function CardResult(props: { result?: CardResultValue | null; onDismiss: () => void }) {
  return (
    <Show when={props.result}>
      {(r) => (
        <div
          class={`msg ${r().outcome === 'applied' ? 'msg-ok' : 'msg-bad'}`}
          role={r().outcome === 'applied' ? 'status' : 'alert'}
          data-testid="action-result"
          data-outcome={r().outcome}
          style={{ display: 'flex', 'align-items': 'center', gap: '12px', 'margin-top': '8px' }}
        >
          <span style={{ flex: 1 }}>{r().text}</span>
          <button type="button" class="btn btn-small" data-testid="action-result-dismiss" onClick={() => props.onDismiss()}>
            {t('corr.result.ok')}
          </button>
        </div>
      )}
    </Show>
  );
}

/** Asks once before completing an operation with no good parts reported. */
export function CompleteConfirm(props: { onYes: () => void; onNo: () => void }) {
  return (
    <div class="msg msg-warn" role="alert" data-testid="op-complete-confirm" style={{ 'margin-top': '8px' }}>
      <p>{t('corr.confirm.completeNoGood')}</p>
      <div class="actions">
        <button type="button" class="btn btn-primary" data-testid="op-complete-yes" onClick={() => props.onYes()}>
          {t('corr.confirm.yesComplete')}
        </button>
        <button type="button" class="btn" data-testid="op-complete-no" onClick={() => props.onNo()}>
          {t('corr.confirm.noBack')}
        </button>
      </div>
    </div>
  );
}

/** Why the card's buttons are disabled, as a line of words under them (no tooltip); null when nothing is. */
export function disabledReason(s: { busy: boolean; held: boolean; holdKind?: string; cancelled: boolean; status: OperationStatus }): string | null {
  if (s.busy) return t('corr.card.whyBusy');
  if (s.cancelled) return t('corr.card.whyCancelled');
  if (s.held) return t('corr.card.whyHeld', s.holdKind ?? '');
  if (s.status === 'completed') return t('corr.card.whyCompleted');
  if (s.status === 'pending') return t('corr.card.whyPending');
  return null;
}
