import { createSignal, For, onCleanup, Show } from 'solid-js';
import { onScan as listenForScans } from '../../scan';
import { ScanButton } from '../../components/ScanButton';
import { useNavigate } from '@solidjs/router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { retryText, sentenceFor } from '../../components/outcome-text';
import { t as tr } from '../../i18n';
import { now } from '../../session/clock';
import { enrollDevice } from '../../sync';
import { DownloadProgress } from '../../components/SyncRefused';
import { useStations } from '../../queries/tablet';
import { useTablet } from '../shell/tablet-context';

/** A1: trade the coordinator's one-time code for this tablet's token. Wedge scans type + Enter. */
export function EnrollScreen() {
  const t = useTablet();
  const navigate = useNavigate();
  const stations = useStations(t.db);
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  // Words made when shown, so a language switch after a failure re-words it.
  const [failure, setFailure] = createSignal<{ sentence: () => string; retryAt?: string } | null>(null);
  const setError = (sentence: (() => string) | null) => setFailure(sentence === null ? null : { sentence });
  // Too many wrong codes from here (X2): say when to try again, counting down.
  const error = () => {
    const f = failure();
    return f ? [f.sentence(), retryText(f.retryAt, now())].filter(Boolean).join(' ') : null;
  };
  const [done, setDone] = createSignal<{ name: string; stationIds: string[] } | null>(null);

  const submit = async () => {
    const db = t.db();
    const c = code().trim();
    if (!db || c.length < 4 || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await enrollDevice(db, '', c);
      if (r.ok) {
        setDone({ name: r.name, stationIds: r.stationIds });
        setCode('');
        t.runtime()?.startSync();
        void t
          .runtime()
          ?.client.syncNow()
          .catch(() => undefined);
      } else {
        setFailure({ sentence: () => sentenceFor(r.code, r.message), retryAt: r.retryAt });
      }
    } catch (e) {
      console.error('enrollment failed', e);
      setError(() => tr('enroll.failed'));
    } finally {
      setBusy(false);
    }
  };

  // A wedge scan of the code's QR/barcode works without tapping the field first (§9).
  onCleanup(
    listenForScans((text) => {
      if (done()) return;
      setCode(text);
      void submit();
    }),
  );

  const stationName = (id: string) => stations().find((s) => s.id === id)?.name ?? id;

  return (
    <main class="center-narrow" data-testid="enroll-screen">
      <h1>{tr('enroll.title')}</h1>
      <LanguageSwitch />
      <Show when={t.device() && !done()}>
        <p class="msg msg-warn" data-testid="enroll-already">
          {tr('enroll.alreadyBefore')} <strong>{t.device()!.deviceName}</strong>. {tr('enroll.alreadyAfter')}
        </p>
      </Show>
      <Show
        when={done()}
        fallback={
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p>{tr('enroll.hint')}</p>
            <label for="enroll-code">{tr('enroll.code')}</label>
            <input
              id="enroll-code"
              data-testid="enroll-code"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              autofocus
              value={code()}
              onInput={(e) => setCode(e.currentTarget.value)}
              style={{ 'font-size': '1.8rem', 'letter-spacing': '.15em', 'font-family': 'ui-monospace, monospace' }}
            />
            <ScanButton />
            <Show when={error()}>
              <p class="msg msg-bad" role="alert" data-testid="enroll-error">
                {error()}
              </p>
            </Show>
            <div class="actions">
              <button type="submit" class="btn btn-primary btn-block" data-testid="enroll-submit" disabled={busy() || code().trim().length < 4}>
                {busy() ? tr('enroll.busy') : tr('enroll.submit')}
              </button>
            </div>
          </form>
        }
      >
        <div class="msg msg-ok" data-testid="enroll-success">
          <p style={{ 'font-size': '1.3rem' }}>
            {tr('enroll.done')} <strong data-testid="enroll-device-name">{done()!.name}</strong>
          </p>
          <DownloadProgress download={t.runtime()?.status().download} />
          <p>{tr('enroll.stations')}</p>
          <ul data-testid="enroll-stations">
            <For each={done()!.stationIds}>{(id) => <li data-testid="enroll-station">{stationName(id)}</li>}</For>
          </ul>
        </div>
        <button type="button" class="btn btn-primary btn-block" data-testid="enroll-continue" onClick={() => navigate('/signin')}>
          {tr('enroll.continue')}
        </button>
      </Show>
    </main>
  );
}
