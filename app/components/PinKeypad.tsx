import { For } from 'solid-js';
import { t } from '../i18n';

export interface PinKeypadProps {
  length: number;
  disabled?: boolean;
  onDigit: (d: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  onSubmit: () => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Big PIN keys for gloved hands; the PIN itself is never rendered, only dots. */
export function PinKeypad(props: PinKeypadProps) {
  return (
    <div>
      <output class="pin-dots" data-testid="pin-dots" aria-label={t('pin.digitsEntered', props.length)}>
        {props.length ? (
          '●'.repeat(props.length)
        ) : (
          <span class="muted" style={{ 'font-size': '1.2rem', 'letter-spacing': 0 }}>
            {t('pin.enter')}
          </span>
        )}
      </output>
      <fieldset class="keypad" aria-label={t('pin.keypad')}>
        <For each={KEYS}>
          {(k) => (
            <button type="button" class="btn" data-testid={`pin-key-${k}`} disabled={props.disabled} onClick={() => props.onDigit(k)}>
              {k}
            </button>
          )}
        </For>
        <button type="button" class="btn" data-testid="pin-clear" disabled={props.disabled} onClick={() => props.onClear()}>
          {t('pin.clear')}
        </button>
        <button type="button" class="btn" data-testid="pin-key-0" disabled={props.disabled} onClick={() => props.onDigit('0')}>
          0
        </button>
        <button
          type="button"
          class="btn"
          data-testid="pin-backspace"
          aria-label={t('pin.backspace')}
          disabled={props.disabled}
          onClick={() => props.onBackspace()}
        >
          ⌫
        </button>
      </fieldset>
      <button
        type="button"
        class="btn btn-primary btn-block"
        data-testid="signin-submit"
        disabled={props.disabled || props.length === 0}
        onClick={() => props.onSubmit()}
      >
        {t('pin.signIn')}
      </button>
    </div>
  );
}
