import { createEffect, createSignal, on, onCleanup, Show, type Accessor } from 'solid-js';
import { PLANT_SETTINGS_ID, type User } from '../../../shared/schema';
import type { FloorboardDB } from '../../db';
import { formatDuration, t } from '../../i18n';
import { createLive } from '../../queries/live';
import { clockNow } from '../../session/clock';
import { DEFAULT_IDLE_MINUTES, idleLimitMs, idlePhase, rememberIdleSignOut } from '../../session/idle';
import { signOut } from '../../session/user';

const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * A2: signs the tablet's person out after the plant's idle time (`plantSettings`, default 15 min)
 * without a touch, key or scan (a wedge scanner types keys); a minute before, a full-width warning
 * with one big button. Drafts stay: they are keyed by person (app/session/drafts.ts).
 */
export function IdleGuard(props: { db: Accessor<FloorboardDB | undefined>; user: Accessor<User | null | undefined> }) {
  const settings = createLive(props.db, async (d) => (await d.entity('plantSettings').get(PLANT_SETTINGS_ID)) ?? null, null);
  const minutes = () => settings()?.idleSignOutMinutes ?? DEFAULT_IDLE_MINUTES;
  const [lastInput, setLastInput] = createSignal(clockNow());
  const [tick, setTick] = createSignal(clockNow());
  const touch = () => {
    setLastInput(clockNow());
    setTick(clockNow());
  };
  for (const e of INPUT_EVENTS) window.addEventListener(e, touch, { capture: true, passive: true });
  const timer = setInterval(() => setTick(clockNow()), 1000);
  onCleanup(() => {
    clearInterval(timer);
    for (const e of INPUT_EVENTS) window.removeEventListener(e, touch, { capture: true });
  });
  // Each person's idle time starts when they sign in.
  createEffect(on(() => props.user()?.id, touch));

  const limit = () => idleLimitMs(minutes());
  const phase = () => (props.user() ? idlePhase(lastInput(), tick(), limit()) : 'active');
  let signingOut = false;
  createEffect(() => {
    const db = props.db();
    if (phase() !== 'expired' || !db || signingOut) return;
    signingOut = true;
    rememberIdleSignOut(minutes());
    // The shell sends a tablet without a person to the sign-in screen.
    void signOut(db).finally(() => {
      signingOut = false;
    });
  });

  return (
    <Show when={phase() === 'warning'}>
      <div
        class="msg msg-warn"
        role="alertdialog"
        aria-labelledby="idle-warning-text"
        data-testid="idle-warning"
        style={{ margin: '10px 20px', 'font-size': '1.2rem' }}
      >
        <p id="idle-warning-text">{t('session.idleWarning', formatDuration(lastInput() + limit() - tick()))}</p>
        <button
          type="button"
          class="btn btn-primary"
          data-testid="idle-still-here"
          style={{ width: '100%', 'min-height': '72px', 'font-size': '1.4rem' }}
          onClick={touch}
        >
          {t('session.stillHere')}
        </button>
      </div>
    </Show>
  );
}
