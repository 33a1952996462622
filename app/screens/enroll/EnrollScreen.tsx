import { createSignal, For, onCleanup, Show } from 'solid-js';
import { listenForScans } from '../../session/wedge';
import { useNavigate } from '@solidjs/router';
import { retryText, sentenceFor } from '../../components/outcome-text';
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
  const [failure, setFailure] = createSignal<{ sentence: string; retryAt?: string } | null>(null);
  const setError = (sentence: string | null) => setFailure(sentence === null ? null : { sentence });
  // Too many wrong codes from here (X2): say when to try again, counting down.
  const error = () => {
    const f = failure();
    return f ? [f.sentence, retryText(f.retryAt, now())].filter(Boolean).join(' ') : null;
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
        setFailure({ sentence: sentenceFor(r.code, r.message), retryAt: r.retryAt });
      }
    } catch (e) {
      setError(`Enrollment failed: ${String(e)}`);
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
      <h1>Enroll this tablet</h1>
      <Show when={t.device() && !done()}>
        <p class="msg msg-warn" data-testid="enroll-already">
          This tablet is enrolled as <strong>{t.device()!.deviceName}</strong>. Enrolling again replaces that.
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
            <p>Type or scan the enrollment code the coordinator shows you.</p>
            <label for="enroll-code">Enrollment code</label>
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
            <Show when={error()}>
              <p class="msg msg-bad" role="alert" data-testid="enroll-error">
                {error()}
              </p>
            </Show>
            <div class="actions">
              <button type="submit" class="btn btn-primary btn-block" data-testid="enroll-submit" disabled={busy() || code().trim().length < 4}>
                {busy() ? 'Enrolling…' : 'Enroll'}
              </button>
            </div>
          </form>
        }
      >
        <div class="msg msg-ok" data-testid="enroll-success">
          <p style={{ 'font-size': '1.3rem' }}>
            Enrolled as <strong data-testid="enroll-device-name">{done()!.name}</strong>
          </p>
          <DownloadProgress download={t.runtime()?.status().download} />
          <p>Stations:</p>
          <ul data-testid="enroll-stations">
            <For each={done()!.stationIds}>{(id) => <li data-testid="enroll-station">{stationName(id)}</li>}</For>
          </ul>
        </div>
        <button type="button" class="btn btn-primary btn-block" data-testid="enroll-continue" onClick={() => navigate('/signin')}>
          Continue to sign-in
        </button>
      </Show>
    </main>
  );
}
