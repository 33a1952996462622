import { createEffect, createResource, createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { retryText, sentenceFor } from '../../components/outcome-text';
import { now } from '../../session/clock';
import { useStations, useUsers } from '../../queries/tablet';
import { consoleApi, type DeviceRow, type SessionUser } from '../../session/console-api';
import { consoleRuntime } from '../../session/runtime';
import { StatusBarContainer } from '../shell/StatusBarContainer';
import { ChangesPanel } from './ChangesPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { ConsoleContext } from './console-context';
import { DevicesPanel } from './DevicesPanel';
import { FeedPanel } from './FeedPanel';
import { createListLoad } from './list-load';
import { FloorPeoplePanel } from './FloorPeoplePanel';
import { HoldsPanel } from './HoldsPanel';
import { PlantPanel } from './PlantPanel';
import { UsersPanel } from './UsersPanel';
import { TravelersPanel } from './travelers/TravelersPanel';
import { useConflicts } from '../../queries/console';
import { formatNumber, setLanguage, t } from '../../i18n';
import { LanguageSwitch } from './LanguageSwitch';

const CACHED_USER = 'floorboard.console.user';
/** L1: the console speaks its signed-in person's language; one without a language keeps this browser's. */
const speakAs = (u: SessionUser) => {
  if (u.language) setLanguage(u.language);
};
type Tab = 'feed' | 'changes' | 'holds' | 'travelers' | 'conflicts' | 'plant' | 'devices' | 'users';

/** The coordinator console v0: its own database and cookie-authenticated sync client. */
export function ConsoleScreen() {
  const [me, setMe] = createSignal<SessionUser | null | undefined>(undefined);
  const [offlineSession, setOfflineSession] = createSignal(false);

  onMount(async () => {
    const r = await consoleApi.session();
    if (r.ok) {
      speakAs(r.value.user);
      setMe(r.value.user);
      localStorage.setItem(CACHED_USER, JSON.stringify(r.value.user));
    } else if (r.code === 'offline') {
      // Offline: show the local copy as the last coordinator signed in on this browser.
      const cached = localStorage.getItem(CACHED_USER);
      setOfflineSession(Boolean(cached));
      const user = cached ? (JSON.parse(cached) as SessionUser) : null;
      if (user) speakAs(user);
      setMe(user);
    } else setMe(null);
  });

  return (
    <Switch>
      <Match when={me() === undefined}>
        <main>
          <p class="muted">{t('console.opening')}</p>
        </main>
      </Match>
      <Match when={me() === null}>
        <ConsoleSignIn
          onSignedIn={(u) => {
            localStorage.setItem(CACHED_USER, JSON.stringify(u));
            speakAs(u);
            setMe(u);
          }}
        />
      </Match>
      <Match when={me()}>
        <ConsoleMain
          me={me()!}
          offlineSession={offlineSession()}
          onSignedOut={() => {
            localStorage.removeItem(CACHED_USER);
            setMe(null);
          }}
        />
      </Match>
    </Switch>
  );
}

function ConsoleSignIn(props: { onSignedIn: (u: SessionUser) => void }) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [failure, setFailure] = createSignal<{ sentence: string; retryAt?: string } | null>(null);
  // A lock's "try again at 10:42 (in 3 minutes)" counts down with the shared clock (X2).
  const error = () => {
    const f = failure();
    return f ? [f.sentence, retryText(f.retryAt, now())].filter(Boolean).join(' ') : null;
  };
  const [busy, setBusy] = createSignal(false);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const r = await consoleApi.signIn(username().trim(), password());
    setBusy(false);
    if (r.ok) props.onSignedIn(r.value.user);
    else setFailure({ sentence: sentenceFor(r.code, r.message), retryAt: r.retryAt });
  };
  return (
    <>
      <header class="syncbar" data-testid="sync-bar">
        <div class="brand">
          <img src="/icons/icon.svg" width="32" height="32" alt="" />
          {t('console.brand')}
        </div>
      </header>
      <main class="center-narrow" data-testid="console-signin">
        <h1>{t('console.signin.title')}</h1>
        <LanguageSwitch />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label for="console-username">{t('console.signin.username')}</label>
          <input
            id="console-username"
            data-testid="console-username"
            autocomplete="username"
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <label for="console-password">{t('console.signin.password')}</label>
          <input
            id="console-password"
            data-testid="console-password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <Show when={error()}>
            <p class="msg msg-bad" role="alert" data-testid="console-signin-error">
              {error()}
            </p>
          </Show>
          <div class="actions">
            <button type="submit" class="btn btn-primary btn-block" data-testid="console-signin-submit" disabled={busy() || !username().trim() || !password()}>
              {busy() ? t('console.signin.busy') : t('console.signin.submit')}
            </button>
          </div>
        </form>
      </main>
    </>
  );
}

function ConsoleMain(props: { me: SessionUser; offlineSession: boolean; onSignedOut: () => void }) {
  const [runtime] = createResource(() => consoleRuntime());
  const db = () => runtime()?.db;
  const users = useUsers(db);
  const stations = useStations(db);
  const conflicts = useConflicts(db);
  const [tab, setTab] = createSignal<Tab>('feed');
  // A failed load is kept apart from an empty list, as for the plant, people and users lists.
  const deviceList = createListLoad(async () => {
    const r = await consoleApi.devices();
    return r.ok ? { ...r, value: r.value.devices } : r;
  });
  const devices = (): DeviceRow[] => deviceList.value() ?? [];

  createEffect(() => runtime()?.startSync());
  createEffect(() => {
    const err = runtime()?.status().lastError;
    if (err === 'unauthorized' || err === 'device-revoked-or-unknown') props.onSignedOut();
  });

  const nameOf = (id: string) => users().find((u) => u.id === id)?.name ?? (id === props.me.id ? props.me.name : id || t('console.someone'));
  const stationName = (id: string) => stations().find((s) => s.id === id)?.name ?? id;
  // A tablet enrolled after the list was read (by another coordinator, or through the API) is
  // asked for once: the feed then names it as the Devices tab does.
  const askedFor = new Set<string>();
  const deviceName = (id: string) => {
    if (id === 'console') return t('console.device.console');
    if (id === 'cli') return 'npm run users';
    const known = devices().find((d) => d.id === id)?.name;
    if (known) return known;
    if (id && !deviceList.loading() && !askedFor.has(id)) {
      askedFor.add(id);
      queueMicrotask(() => void deviceList.reload());
    }
    return t('console.device.tablet', id.slice(0, 8));
  };

  const signOut = async () => {
    await consoleApi.signOut();
    runtime()?.client.stop();
    props.onSignedOut();
  };

  // The plant is set up by coordinators and admins (/api/plant), as people are.
  const mayRunPlant = () => props.me.role === 'coordinator' || props.me.role === 'admin';

  const TabButton = (p: { id: Tab; label: string }) => (
    <button type="button" class="btn" role="tab" aria-selected={tab() === p.id} data-testid={`console-tab-${p.id}`} onClick={() => setTab(p.id)}>
      {p.label}
    </button>
  );

  return (
    <ConsoleContext.Provider
      value={{
        db,
        me: () => props.me,
        users,
        stations,
        devices,
        devicesLoad: deviceList,
        reloadDevices: deviceList.reload,
        nameOf,
        stationName,
        deviceName,
        mutate: async (name, args) => {
          const rt = runtime();
          if (!rt) return { outcome: 'rejected', code: 'not-ready', message: t('console.notReady') };
          return rt.client.mutate(name, args, props.me.id);
        },
      }}
    >
      <StatusBarContainer runtime={runtime()} deviceId="console" users={users()} title={t('console.brand')} subtitle={props.me.name} />
      <main data-testid="console-screen">
        <Show when={props.offlineSession}>
          <p class="msg msg-warn">{t('console.offlineSession')}</p>
        </Show>
        <div class="topline">
          <div class="console-tabs" role="tablist" style={{ margin: 0 }}>
            <TabButton id="feed" label={t('console.tab.feed')} />
            <TabButton id="changes" label={t('console.tab.changes')} />
            <TabButton id="holds" label={t('console.tab.holds')} />
            <TabButton id="travelers" label={t('travelers.tab')} />
            <TabButton id="conflicts" label={t('console.tab.conflicts', formatNumber(conflicts().filter((c) => c.status === 'open').length))} />
            <Show when={mayRunPlant()}>
              <TabButton id="plant" label={t('console.tab.plant')} />
            </Show>
            <TabButton id="devices" label={t('console.tab.devices')} />
            <TabButton id="users" label={props.me.role === 'coordinator' || props.me.role === 'admin' ? t('console.tab.users') : t('console.tab.myPassword')} />
          </div>
          <button type="button" class="btn btn-small" style={{ 'margin-left': 'auto' }} data-testid="console-signout" onClick={() => void signOut()}>
            {t('console.signOut')}{' '}
            <span class="sr-only" data-testid="console-user">
              {props.me.name}
            </span>
          </button>
        </div>
        <Show when={runtime()} fallback={<p class="muted">{t('console.openingCopy')}</p>}>
          <Switch>
            <Match when={tab() === 'feed'}>
              <FeedPanel />
            </Match>
            <Match when={tab() === 'changes'}>
              <ChangesPanel />
            </Match>
            <Match when={tab() === 'holds'}>
              <HoldsPanel />
            </Match>
            <Match when={tab() === 'travelers'}>
              <TravelersPanel />
            </Match>
            <Match when={tab() === 'conflicts'}>
              <ConflictsPanel />
            </Match>
            <Match when={tab() === 'plant' && mayRunPlant()}>
              <PlantPanel />
            </Match>
            <Match when={tab() === 'devices'}>
              <DevicesPanel />
            </Match>
            <Match when={tab() === 'users'}>
              <Show when={props.me.role === 'coordinator' || props.me.role === 'admin'}>
                <FloorPeoplePanel />
              </Show>
              <UsersPanel />
            </Match>
          </Switch>
        </Show>
      </main>
    </ConsoleContext.Provider>
  );
}
