import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PinKeypad } from '../../components/PinKeypad';
import { language, setLanguage, t as tr, type MessageKey } from '../../i18n';
import { now } from '../../session/clock';
import { formatRemaining, isLocked, LOCK_MS, localLockoutStore, MAX_FAILURES, remainingMs, type LockoutState } from '../../session/lockout';
import { setBusy } from '../../session/update';
import { signIn } from '../../session/user';
import { onScan as listenForScans } from '../../scan';
import { useTablet } from '../shell/tablet-context';

const REASON_TEXT = {
  'unknown-badge': 'signin.wrong',
  'wrong-pin': 'signin.wrong',
  'no-pin': 'signin.noPin',
  'not-this-station': 'signin.notThisStation',
  locked: 'signin.tooMany',
} as const satisfies Record<string, MessageKey>;

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
  const [lock, setLock] = createSignal<LockoutState>(store.load());
  const [tick, setTick] = createSignal(Date.now());
  let pinArea: HTMLDivElement | undefined;
  let badgeInput: HTMLInputElement | undefined;

  const timer = setInterval(() => setTick(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  const locked = () => isLocked(lock(), Math.max(tick(), now()));

  const stopScan = listenForScans((text) => {
    // Digits typed fast on a keyboard into the PIN area are a PIN, not a badge scan.
    if (/^\d{1,12}$/.test(text) && badge().trim() && pinArea?.contains(document.activeElement)) return;
    setBadge(text);
    setPin('');
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
      const r = await signIn(db, badge(), pin(), device.stationIds, Date.now(), store);
      setLock(store.load());
      if (r.ok) {
        // L1: the person's own language from now on; without one, the language picked here stays.
        setLanguage(r.user.language ?? language());
        setBadge('');
        setPin('');
        navigate('/station', { replace: true });
      } else {
        setPin('');
        const left = MAX_FAILURES - r.lockout.failures;
        const warn = r.reason !== 'locked' && r.reason !== 'not-this-station' && r.lockout.failures > 0;
        const key = REASON_TEXT[r.reason];
        setError(() => () => tr(key) + (warn ? ` ${tr('signin.attemptsLeft', left, Math.round(LOCK_MS / 60_000))}` : ''));
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
          onInput={(e) => setBadge(e.currentTarget.value)}
          disabled={locked()}
        />
      </form>
      <Show when={locked()}>
        <div class="msg msg-bad" role="alert" data-testid="signin-locked">
          {tr('signin.lockedBefore', MAX_FAILURES)} <span data-testid="signin-lock-remaining">{formatRemaining(remainingMs(lock(), tick()))}</span>.
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
