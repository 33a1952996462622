import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, pinProblem } from '../../../shared/domain/pin';
import { sentenceFor } from '../../components/outcome-text';
import { formatNumber, t } from '../../i18n';

/** The rule as the coordinator reads it beside the PIN fields, in the current language. */
export const pinHint = (): string => t('console.pin.hint', formatNumber(MIN_PIN_LENGTH), formatNumber(MAX_PIN_LENGTH));

/**
 * What is wrong with a PIN typed twice, in words, before anything is sent; null when it may go.
 * The server checks the same rule (shared/domain/pin.ts) and answers the same words.
 */
export function pinPairProblem(pin: string, again: string): string | null {
  const problem = pinProblem(pin);
  if (problem) return sentenceFor(problem);
  if (pin !== again) return t('console.pin.differ');
  return null;
}

/** A PIN typed twice (never shown: the person may be standing beside the screen). */
export function PinFields(props: { id: string; pin: string; again: string; onPin: (v: string) => void; onAgain: (v: string) => void; label?: string }) {
  // Digits only, also in the field itself: a signal that does not change would leave a letter shown.
  const digits = (el: HTMLInputElement) => {
    el.value = el.value.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH);
    return el.value;
  };
  return (
    <div class="field-row">
      <div>
        <label for={`${props.id}-pin`}>{props.label ?? t('console.pin.label')}</label>
        <input
          id={`${props.id}-pin`}
          data-testid={`${props.id}-pin`}
          type="password"
          inputMode="numeric"
          autocomplete="off"
          maxLength={MAX_PIN_LENGTH}
          value={props.pin}
          onInput={(e) => props.onPin(digits(e.currentTarget))}
        />
      </div>
      <div>
        <label for={`${props.id}-pin-again`}>{t('console.pin.again')}</label>
        <input
          id={`${props.id}-pin-again`}
          data-testid={`${props.id}-pin-again`}
          type="password"
          inputMode="numeric"
          autocomplete="off"
          maxLength={MAX_PIN_LENGTH}
          value={props.again}
          onInput={(e) => props.onAgain(digits(e.currentTarget))}
        />
      </div>
    </div>
  );
}
