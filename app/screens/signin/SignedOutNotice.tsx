import { createSignal, onCleanup, Show } from 'solid-js';
import { formatNumber, t } from '../../i18n';
import { idleSignOutNotice } from '../../session/idle';

/** "Signed out after 15 minutes without use. Your drafts are kept." after an idle sign-out (A2). */
export function SignedOutNotice() {
  const [minutes, setMinutes] = createSignal(idleSignOutNotice());
  // The notice is cleared by the next sign-in (app/session/user.ts); re-read it when it changes.
  const onStorage = () => setMinutes(idleSignOutNotice());
  window.addEventListener('storage', onStorage);
  onCleanup(() => window.removeEventListener('storage', onStorage));
  return (
    <Show when={minutes()}>
      {(m) => (
        <p class="msg msg-warn" role="status" data-testid="signin-idle-notice">
          {t('session.idleSignedOut', m(), formatNumber(m()))}
        </p>
      )}
    </Show>
  );
}
