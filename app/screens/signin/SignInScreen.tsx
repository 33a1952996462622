import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { PinKeypad } from '../../components/PinKeypad';
import { now } from '../../session/clock';
import { formatRemaining, isLocked, localLockoutStore, MAX_FAILURES, remainingMs, type LockoutState } from '../../session/lockout';
import { setBusy } from '../../session/update';
import { signIn } from '../../session/user';
import { onScan as listenForScans } from '../../scan';
import { useTablet } from '../shell/tablet-context';

const REASON_TEXT = {
  'unknown-badge': 'Badge or PIN is wrong.',
  'wrong-pin': 'Badge or PIN is wrong.',
  'no-pin': 'This badge has no PIN yet. Ask your lead or the coordinator.',
  'not-this-station': 'You are not set up to work at this tablet’s stations. Ask your lead.',
  locked: 'Too many wrong PINs.',
} as const;

/** A2: badge (typed or scanned) + PIN, checked on the tablet so it works offline. */
export function SignInScreen() {
  const t = useTablet();
  const navigate = useNavigate();
  const store = localLockoutStore();
  const [badge, setBadge] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [busy, setBusyLocal] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
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
      setError('Scan or type your badge first.');
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
        setBadge('');
        setPin('');
        navigate('/station', { replace: true });
      } else {
        setPin('');
        const left = MAX_FAILURES - r.lockout.failures;
        const warn =
          r.reason !== 'locked' && r.reason !== 'not-this-station' && r.lockout.failures > 0
            ? ` ${left} more wrong attempt${left === 1 ? '' : 's'} lock sign-in for 5 minutes.`
            : '';
        setError(REASON_TEXT[r.reason] + warn);
      }
    } finally {
      setBusyLocal(false);
      setBusy('signin', false);
    }
  };

  return (
    <main class="center-narrow" data-testid="signin-screen" onKeyDown={onKey}>
      <h1>Sign in</h1>
      <Show when={t.users().length === 0}>
        <p class="msg msg-warn" data-testid="signin-no-users">
          The staff list has not arrived on this tablet yet. Connect it to the network once so it can sync.
        </p>
      </Show>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          pinArea?.focus();
        }}
      >
        <label for="signin-badge">Badge</label>
        <input
          id="signin-badge"
          ref={badgeInput}
          data-testid="signin-badge"
          autocomplete="off"
          spellcheck={false}
          placeholder="Scan your badge or type its number"
          value={badge()}
          onInput={(e) => setBadge(e.currentTarget.value)}
          disabled={locked()}
        />
      </form>
      <Show when={locked()}>
        <div class="msg msg-bad" role="alert" data-testid="signin-locked">
          Sign-in is locked after {MAX_FAILURES} wrong attempts. Try again in{' '}
          <span data-testid="signin-lock-remaining">{formatRemaining(remainingMs(lock(), tick()))}</span>.
        </div>
      </Show>
      <Show when={error() && !locked()}>
        <p class="msg msg-bad" role="alert" data-testid="signin-error">
          {error()}
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
          Checking…
        </p>
      </Show>
    </main>
  );
}
