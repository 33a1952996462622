import { createSignal, For, Show } from 'solid-js';
import { MAX_QUANTITY, parseQuantity } from '../../shared/domain/quantity';
import { t } from '../i18n';

export interface QuantityDraft {
  good: string;
  scrap: string;
  scrapReason: string;
}

export interface QuantityFormProps {
  draft: QuantityDraft;
  reasons: { code: string; label: string }[];
  busy: boolean;
  /** Parts still to make (ordered − good − scrap); a report beyond it asks once to confirm. */
  remaining?: number;
  onChange: (d: QuantityDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The words next to a field for its typed text, or null when it is a whole number in range. */
export function quantityError(text: string): string | null {
  const p = parseQuantity(text);
  if (p.ok) return null;
  return p.code === 'quantity-too-large' ? t('corr.qty.tooLarge', MAX_QUANTITY) : t('corr.qty.notWhole', MAX_QUANTITY);
}

const countOf = (text: string) => {
  const p = parseQuantity(text);
  return p.ok ? p.value : 0;
};

/**
 * Good and scrap counts with big steppers; scrap needs a reason from the plant's list. What is
 * typed is kept as typed: a bad value is refused next to its field, never stripped or rounded.
 */
export function QuantityForm(props: QuantityFormProps) {
  const [confirming, setConfirming] = createSignal(false);
  const set = (patch: Partial<QuantityDraft>) => {
    setConfirming(false);
    props.onChange({ ...props.draft, ...patch });
  };
  const step = (field: 'good' | 'scrap', by: number) => {
    if (quantityError(props.draft[field])) return;
    set({ [field]: String(Math.min(MAX_QUANTITY, Math.max(0, countOf(props.draft[field]) + by))) });
  };
  const goodError = () => quantityError(props.draft.good);
  const scrapError = () => quantityError(props.draft.scrap);
  const good = () => countOf(props.draft.good);
  const scrap = () => countOf(props.draft.scrap);
  const problem = () => {
    if (goodError() || scrapError()) return 'field';
    if (good() + scrap() === 0) return t('corr.qty.empty');
    if (scrap() > 0 && !props.draft.scrapReason) return t('corr.qty.pickReason');
    return null;
  };
  const overRemaining = () => props.remaining !== undefined && good() + scrap() > props.remaining;
  const submit = () => {
    if (problem()) return;
    if (overRemaining() && !confirming()) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    props.onSubmit();
  };
  const field = (name: 'good' | 'scrap', error: () => string | null) => (
    <div>
      <label for={`qty-${name}`}>{t(name === 'good' ? 'corr.qty.good' : 'corr.qty.scrap')}</label>
      <div style={{ display: 'flex', gap: '8px' }}>
        <button
          type="button"
          class="btn"
          aria-label={t(name === 'good' ? 'corr.qty.goodLess' : 'corr.qty.scrapLess')}
          data-testid={`qty-${name}-minus`}
          onClick={() => step(name, -1)}
        >
          −
        </button>
        <input
          id={`qty-${name}`}
          data-testid={`qty-${name}`}
          inputmode="numeric"
          autocomplete="off"
          aria-invalid={error() ? 'true' : 'false'}
          aria-describedby={`qty-${name}-error`}
          value={props.draft[name]}
          onInput={(e) => set({ [name]: e.currentTarget.value })}
        />
        <button
          type="button"
          class="btn"
          aria-label={t(name === 'good' ? 'corr.qty.goodMore' : 'corr.qty.scrapMore')}
          data-testid={`qty-${name}-plus`}
          onClick={() => step(name, 1)}
        >
          +
        </button>
      </div>
      <p id={`qty-${name}-error`} class="msg msg-bad" role="alert" data-testid={`qty-${name}-error`} hidden={!error()}>
        {error() ?? ''}
      </p>
    </div>
  );
  return (
    <form
      class="panel"
      style={{ 'margin-top': '12px' }}
      data-testid="qty-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t('corr.qty.title')}</h3>
      <div class="field-row">
        {field('good', goodError)}
        {field('scrap', scrapError)}
      </div>
      <Show when={scrap() > 0}>
        <fieldset class="field">
          <legend>{t('corr.qty.scrapReason')}</legend>
          <div class="chips" data-testid="qty-scrap-reasons">
            <For each={props.reasons} fallback={<p class="muted">{t('corr.qty.noReasons')}</p>}>
              {(r) => (
                <button
                  type="button"
                  class="chip"
                  aria-pressed={props.draft.scrapReason === r.code}
                  data-testid="qty-scrap-reason"
                  data-code={r.code}
                  onClick={() => set({ scrapReason: r.code })}
                >
                  {r.label}
                </button>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <Show when={problem() && problem() !== 'field' && (good() + scrap() > 0 || props.draft.scrapReason)}>
        <p class="msg msg-warn" data-testid="qty-problem">
          {problem()}
        </p>
      </Show>
      <Show
        when={confirming()}
        fallback={
          <div class="actions">
            <button type="submit" class="btn btn-primary" data-testid="qty-submit" disabled={props.busy || problem() !== null}>
              {t('corr.qty.save', good(), scrap())}
            </button>
            <button type="button" class="btn" data-testid="qty-cancel" onClick={() => props.onCancel()}>
              {t('corr.qty.close')}
            </button>
          </div>
        }
      >
        <div class="msg msg-warn" role="alert" data-testid="qty-confirm">
          <p>{t('corr.qty.overRemaining', good() + scrap(), props.remaining ?? 0)}</p>
          <div class="actions">
            <button type="button" class="btn btn-primary" data-testid="qty-confirm-yes" disabled={props.busy} onClick={() => submit()}>
              {t('corr.confirm.yesSave')}
            </button>
            <button type="button" class="btn" data-testid="qty-confirm-no" onClick={() => setConfirming(false)}>
              {t('corr.confirm.noChange')}
            </button>
          </div>
        </div>
      </Show>
    </form>
  );
}
