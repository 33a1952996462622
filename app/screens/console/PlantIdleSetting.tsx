import { createSignal, onMount, Show } from 'solid-js';
import { IDLE_SIGN_OUT_MINUTES } from '../../../shared/schema';
import { formatNumber, t } from '../../i18n';
import { consoleApi } from '../../session/console-api';

/** A2: how long a tablet waits without use before it signs its person out; one value for the plant. */
export function PlantIdleSetting() {
  const [minutes, setMinutes] = createSignal(String(IDLE_SIGN_OUT_MINUTES.default));
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  onMount(async () => {
    const r = await consoleApi.plantSettings();
    if (r.ok) setMinutes(String(r.value.settings.idleSignOutMinutes));
  });
  const valid = () => {
    const n = Number(minutes());
    return Number.isInteger(n) && n >= IDLE_SIGN_OUT_MINUTES.min && n <= IDLE_SIGN_OUT_MINUTES.max;
  };
  const save = async () => {
    setBusy(true);
    const r = await consoleApi.updatePlantSettings(Number(minutes()));
    setBusy(false);
    setResult(
      r.ok
        ? { ok: true, text: t('session.idleSetting.saved', formatNumber(r.value.settings.idleSignOutMinutes)) }
        : { ok: false, text: t('session.idleSetting.failed') },
    );
  };
  return (
    <section class="panel" data-testid="plant-idle-setting">
      <h2>{t('session.idleSetting.title')}</h2>
      <p class="muted">{t('session.idleSetting.help')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid()) void save();
        }}
      >
        <label for="plant-idle-minutes">{t('session.idleSetting.label')}</label>
        <input
          id="plant-idle-minutes"
          data-testid="plant-idle-minutes"
          type="number"
          inputmode="numeric"
          min={IDLE_SIGN_OUT_MINUTES.min}
          max={IDLE_SIGN_OUT_MINUTES.max}
          value={minutes()}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="plant-idle-save" disabled={busy() || !valid()}>
            {t('session.idleSetting.save')}
          </button>
        </div>
      </form>
      <Show when={result()}>
        {(r) => (
          <p class={`msg ${r().ok ? 'msg-ok' : 'msg-bad'}`} role={r().ok ? 'status' : 'alert'} data-testid="plant-idle-result">
            {r().text}
          </p>
        )}
      </Show>
    </section>
  );
}
