import { createSignal, Show } from 'solid-js';
import { sentenceFor } from '../../components/outcome-text';
import { formatNumber, t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { useConsole } from './console-context';

/** The password rule (server/auth/users.ts: 12 characters, not the username), in the current language. */
export const passwordHint = (): string => t('console.password.hint', formatNumber(12));

/** Changes the signed-in person's own password; the server wants the current one too (A3). */
export function OwnPasswordForm() {
  const c = useConsole();
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    if (next() !== again()) return setResult({ ok: false, text: t('console.password.differ') });
    setBusy(true);
    const r = await consoleApi.setPassword(c.me().id, next(), current());
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, text: sentenceFor(r.code, r.message) });
    setResult({ ok: true, text: t('console.password.changed') });
    setCurrent('');
    setNext('');
    setAgain('');
  };

  return (
    <form
      class="panel"
      data-testid="own-password-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('console.password.title')}</h2>
      <input type="text" autocomplete="username" value={c.me().username ?? ''} hidden readOnly />
      <label for="own-current">{t('console.password.current')}</label>
      <input
        id="own-current"
        data-testid="own-current"
        type="password"
        autocomplete="current-password"
        value={current()}
        onInput={(e) => setCurrent(e.currentTarget.value)}
        maxLength={200}
      />
      <div class="field-row">
        <div>
          <label for="own-new">{t('console.password.new')}</label>
          <input
            id="own-new"
            data-testid="own-new"
            type="password"
            autocomplete="new-password"
            value={next()}
            onInput={(e) => setNext(e.currentTarget.value)}
            maxLength={200}
          />
        </div>
        <div>
          <label for="own-again">{t('console.password.again')}</label>
          <input
            id="own-again"
            data-testid="own-again"
            type="password"
            autocomplete="new-password"
            value={again()}
            onInput={(e) => setAgain(e.currentTarget.value)}
            maxLength={200}
          />
        </div>
      </div>
      <p class="muted">{passwordHint()}</p>
      <Show when={result()}>
        <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} role="status" data-testid="own-password-result">
          {result()!.text}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid="own-password-save" disabled={busy() || !current() || !next() || !again()}>
          {t('console.password.change')}
        </button>
      </div>
    </form>
  );
}
