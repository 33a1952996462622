import { createEffect, createResource, Show, type ParentProps } from 'solid-js';
import { useLocation, useNavigate } from '@solidjs/router';
import { language, setLanguage, t } from '../../i18n';
import { useDevice, useUsers } from '../../queries/tablet';
import { tabletRuntime } from '../../session/runtime';
import { useCurrentUser } from '../../session/user';
import { ScanRouter } from '../scan/ScanRouter';
import { IdleGuard } from './IdleGuard';
import { StatusBarContainer } from './StatusBarContainer';
import { TabletContext } from './tablet-context';

const OPEN_WITHOUT_USER = ['/signin', '/enroll', '/status'];

/**
 * The tablet's frame: opens the 'floorboard' database, starts sync once enrolled, sends an
 * unenrolled tablet to /enroll and a tablet without a signed-in user to /signin.
 */
export function TabletShell(props: ParentProps) {
  const [runtime] = createResource(() => tabletRuntime());
  const db = () => runtime()?.db;
  const device = useDevice(db);
  const user = useCurrentUser(db);
  const users = useUsers(db);
  const navigate = useNavigate();
  const location = useLocation();

  createEffect(() => {
    const d = device();
    const path = location.pathname;
    if (d === undefined) return;
    if (d === null) {
      if (path !== '/enroll' && path !== '/status') navigate('/enroll', { replace: true });
      return;
    }
    runtime()?.startSync();
    const u = user();
    if (u === undefined) return;
    if (u === null && !OPEN_WITHOUT_USER.includes(path)) navigate('/signin', { replace: true });
    // The person's language first (its words may be a chunk still to fetch), then the station: no English frame.
    if (u && (path === '/' || path === '/signin'))
      void setLanguage(u.language ?? language()).then(() => {
        if (location.pathname === path) navigate('/station', { replace: true });
      });
  });

  const unauthorized = () => ['unauthorized', 'device-revoked-or-unknown'].includes(runtime()?.status().lastError ?? '');

  return (
    <TabletContext.Provider value={{ runtime, db, device, user, users, nameOf: (id) => users().find((u) => u.id === id)?.name }}>
      <StatusBarContainer
        runtime={runtime()}
        deviceId={device()?.deviceId}
        users={users()}
        title={t('app.name')}
        subtitle={device() ? `${device()!.deviceName}${user() ? ` · ${user()!.name}` : ''}` : t('shell.notEnrolled')}
        detailsHref="/status"
        user={user}
      />
      <ScanRouter />
      <IdleGuard db={db} user={user} />
      <Show when={unauthorized() && device()}>
        <div class="msg msg-bad" style={{ margin: '10px 20px' }} data-testid="device-revoked">
          {t('shell.revokedBefore')} <a href="/enroll">{t('shell.revokedLink')}</a> {t('shell.revokedAfter')}
        </div>
      </Show>
      <Show when={runtime.error}>
        <div class="msg msg-bad" style={{ margin: '10px 20px' }} data-error={String(runtime.error)}>
          {t('shell.noDb')}
        </div>
      </Show>
      <Show
        when={runtime() && device() !== undefined}
        fallback={
          <main>
            <p class="muted">{t('shell.opening')}</p>
          </main>
        }
      >
        {props.children}
      </Show>
    </TabletContext.Provider>
  );
}

/** "/": where the shell's redirects send everyone. */
export function Home() {
  return (
    <main>
      <p class="muted">{t('shell.opening')}</p>
    </main>
  );
}
