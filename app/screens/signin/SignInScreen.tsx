import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PinKeypad } from '../../components/PinKeypad';
import { language, setLanguage, t as tr } from '../../i18n';
import { useStations } from '../../queries/tablet';
import { clockNow, now } from '../../session/clock';
import { clearIdleSignOutNotice } from '../../session/idle';
import { isLocked, localLockoutStore } from '../../session/lockout';
import { lockedText, signInFailureText } from '../../session/signin-words';
import { setBusy } from '../../session/update';
import { signIn } from '../../session/user';
import { onScan as listenForScans } from '../../scan';
import { useTablet } from '../shell/tablet-context';
import { SignedOutNotice } from './SignedOutNotice';

/** A2: badge (typed or scanned) + PIN, checked on the tablet so it works offline. */
export function SignInScreen() {
  const t = useTablet();
  const navigate = useNavigate();
  const store = localLockoutStore();
  const [badge, setBadge] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [busy, setBusyLocal] = createSignal(false);
  // Words made when shown, so a language switch after a failed attempt re-words it.
  const [error, setError] = createSignal<(() => string) | null>(null);
  const stations = useStations(t.db);
  const stationName = (id: string) => stations().find((s) => s.id === id)?.name ?? id;
  const [tick, setTick] = createSignal(clockNow());
  // A2: the lock-out belongs to the badge typed, so the next person's badge is not locked.
  const lock = () => (tick(), store.load(badge()));
  let pinArea: HTMLDivElement | undefined;
  let badgeInput: HTMLInputElement | undefined;

  const timer = setInterval(() => setTick(clockNow()), 1000);
  onCleanup(() => clearInterval(timer));
  const locked = () => isLocked(lock(), Math.max(tick(), now()));

  const stopScan = listenForScans((text) => {
    // Digits typed fast on a keyboard into the PIN area are a PIN, not a badge scan.
    if (/^\d{1,12}$/.test(text) && badge().trim() && pinArea?.contains(document.activeElement)) return;
    setBadge(text);
    setPin('');
    setError(null);
    pinArea?.focus();
  });
  onCleanup(stopScan);
  onMount(() => badgeInput?.focus());

  const onKey = (e: KeyboardEvent) => {
    if (e.target === badgeInput) return;
    if (/^\d$/.test(e.key)) setPin((p) => (p.length < 12 ? p + e.key : p));
    else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
    else if (e.key === 'Enter') void submit();
  };

  const submit = async () => {
    const db = t.db();
    const device = t.device();
    if (!db || !device || busy() || locked()) return;
    if (!badge().trim()) {
      setError(() => () => tr('signin.scanFirst'));
      badgeInput?.focus();
      return;
    }
    if (!pin()) return;
    setBusyLocal(true);
    setBusy('signin', true);
    setError(null);
    try {
      const r = await signIn(db, badge(), pin(), device.stationIds, clockNow(), store);
      setTick(clockNow());
      if (r.ok) {
        // L1: the person's own language from now on; without one, the language picked here stays.
        // Awaited: its words may be a chunk still to fetch, and the station opens in them.
        await setLanguage(r.user.language ?? language());
        clearIdleSignOutNotice();
        setBadge('');
        setPin('');
        navigate('/station', { replace: true });
      } else {
        setPin('');
        setError(() => () => signInFailureText(r, device.stationIds, stationName, clockNow()));
      }
    } finally {
      setBusyLocal(false);
      setBusy('signin', false);
    }
  };

  return (
    <main class="center-narrow" data-testid="signin-screen" onKeyDown={onKey}>
      <h1>{tr('signin.title')}</h1>
      <LanguageSwitch />
      <SignedOutNotice />
      <Show when={t.users().length === 0}>
        <p class="msg msg-warn" data-testid="signin-no-users">
          {tr('signin.noUsers')}
        </p>
      </Show>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          pinArea?.focus();
        }}
      >
        <label for="signin-badge">{tr('signin.badge')}</label>
        <input
          id="signin-badge"
          ref={badgeInput}
          data-testid="signin-badge"
          autocomplete="off"
          spellcheck={false}
          placeholder={tr('signin.badgePlaceholder')}
          value={badge()}
          onInput={(e) => {
            setBadge(e.currentTarget.value);
            setError(null);
          }}
        />
      </form>
      <Show when={locked()}>
        <div class="msg msg-bad" role="alert" data-testid="signin-locked">
          {lockedText(lock(), tick())}
        </div>
      </Show>
      <Show when={error() && !locked()}>
        <p class="msg msg-bad" role="alert" data-testid="signin-error">
          {error()?.()}
        </p>
      </Show>
      <div ref={pinArea} tabIndex={-1} style={{ outline: 'none' }} data-testid="signin-pin-area">
        <PinKeypad
          length={pin().length}
          disabled={locked() || busy()}
          onDigit={(d) => setPin((p) => (p.length < 12 ? p + d : p))}
          onBackspace={() => setPin((p) => p.slice(0, -1))}
          onClear={() => setPin('')}
          onSubmit={() => void submit()}
        />
      </div>
      <Show when={busy()}>
        <p class="muted" data-testid="signin-checking">
          {tr('signin.checking')}
        </p>
      </Show>
    </main>
  );
}
