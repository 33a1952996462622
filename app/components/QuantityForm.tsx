import { For, Show } from 'solid-js';
import { formatNumber, t } from '../i18n';

export interface QuantityDraft {
  good: string;
  scrap: string;
  scrapReason: string;
}

export interface QuantityFormProps {
  draft: QuantityDraft;
  reasons: { code: string; label: string }[];
  busy: boolean;
  onChange: (d: QuantityDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

const toInt = (s: string) => {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

/** Good and scrap counts with big steppers; scrap needs a reason from the plant's list. */
export function QuantityForm(props: QuantityFormProps) {
  const set = (patch: Partial<QuantityDraft>) => props.onChange({ ...props.draft, ...patch });
  const step = (field: 'good' | 'scrap', by: number) => set({ [field]: String(Math.max(0, toInt(props.draft[field]) + by)) });
  const good = () => toInt(props.draft.good);
  const scrap = () => toInt(props.draft.scrap);
  const problem = () => {
    if (good() + scrap() === 0) return t('qty.empty');
    if (scrap() > 0 && !props.draft.scrapReason) return t('qty.pickReason');
    return null;
  };
  return (
    <form
      class="panel"
      style={{ 'margin-top': '12px' }}
      data-testid="qty-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem()) props.onSubmit();
      }}
    >
      <h3>{t('qty.title')}</h3>
      <div class="field-row">
        <div>
          <label for="qty-good">{t('qty.good')}</label>
          <div style={{ display: 'flex', gap: '8px' }}>
            <button type="button" class="btn" aria-label={t('qty.lessGood')} data-testid="qty-good-minus" onClick={() => step('good', -1)}>
              −
            </button>
            <input
              id="qty-good"
              data-testid="qty-good"
              inputmode="numeric"
              pattern="[0-9]*"
              value={props.draft.good}
              onInput={(e) => set({ good: e.currentTarget.value.replace(/\D/g, '') })}
            />
            <button type="button" class="btn" aria-label={t('qty.moreGood')} data-testid="qty-good-plus" onClick={() => step('good', 1)}>
              +
            </button>
          </div>
        </div>
        <div>
          <label for="qty-scrap">{t('qty.scrap')}</label>
          <div style={{ display: 'flex', gap: '8px' }}>
            <button type="button" class="btn" aria-label={t('qty.lessScrap')} data-testid="qty-scrap-minus" onClick={() => step('scrap', -1)}>
              −
            </button>
            <input
              id="qty-scrap"
              data-testid="qty-scrap"
              inputmode="numeric"
              pattern="[0-9]*"
              value={props.draft.scrap}
              onInput={(e) => set({ scrap: e.currentTarget.value.replace(/\D/g, '') })}
            />
            <button type="button" class="btn" aria-label={t('qty.moreScrap')} data-testid="qty-scrap-plus" onClick={() => step('scrap', 1)}>
              +
            </button>
          </div>
        </div>
      </div>
      <Show when={scrap() > 0}>
        <fieldset class="field">
          <legend>{t('qty.scrapReason')}</legend>
          <div class="chips" data-testid="qty-scrap-reasons">
            <For each={props.reasons} fallback={<p class="muted">{t('qty.noReasons')}</p>}>
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
      <Show when={problem() && (good() + scrap() > 0 || props.draft.scrapReason)}>
        <p class="msg msg-warn">{problem()}</p>
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid="qty-submit" disabled={props.busy || problem() !== null}>
          {t('qty.save', formatNumber(good()), formatNumber(scrap()))}
        </button>
        <button type="button" class="btn" data-testid="qty-cancel" onClick={() => props.onCancel()}>
          {t('qty.close')}
        </button>
      </div>
    </form>
  );
}
