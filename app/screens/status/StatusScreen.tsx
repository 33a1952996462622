import { For, onMount, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { clockTime, describeProblem, relativeTime, syncErrorText } from '../../components/outcome-text';
import { formatNumber, mutationNoun, t as tr } from '../../i18n';
import { useOutbox } from '../../queries/outbox';
import { useProblems } from '../../queries/problems';
import { useStations } from '../../queries/tablet';
import { now } from '../../session/clock';
import { formatBytes, refreshStorage, storageInfo } from '../../session/storage';
import { applyAppUpdate, midTask, offlineReady, updateBlockedReason, updateReady } from '../../session/update';
import { useTablet } from '../shell/tablet-context';
import { PacketPanel } from '../documents/PacketPanel';

/** Sync details: what waits, what failed, storage, device (DESIGN §8). */
export function StatusScreen() {
  const t = useTablet();
  const outbox = useOutbox(t.db);
  const problems = useProblems(t.db, () => t.device()?.deviceId, 100, t.user);
  const stations = useStations(t.db);
  const status = () => t.runtime()?.status();
  onMount(() => void refreshStorage(false));
  const blocked = () => updateBlockedReason(outbox().length, midTask());
  const what = (name: string) => {
    const noun = mutationNoun(name) ?? tr('outcome.someChange');
    return noun.charAt(0).toUpperCase() + noun.slice(1);
  };

  return (
    <main data-testid="status-screen">
      <div class="topline">
        <h1>{tr('status.title')}</h1>
        <Show
          when={t.user()}
          fallback={
            <A class="btn" href="/signin" data-testid="status-back">
              {tr('status.back')}
            </A>
          }
        >
          <A class="btn" href="/station" data-testid="status-back">
            {tr('status.backStation')}
          </A>
        </Show>
      </div>
      <div class="grid-2">
        <section class="panel">
          <h2>{tr('status.sync')}</h2>
          <dl class="kv">
            <div>
              <dt>{tr('status.network')}</dt>
              <dd class="v" data-testid="status-online">
                {status()?.online ? tr('status.online') : tr('status.offline')}
              </dd>
            </div>
            <div>
              <dt>{tr('status.waiting')}</dt>
              <dd class="v" data-testid="status-pending">
                {formatNumber(outbox().length)}
              </dd>
            </div>
            <div>
              <dt>{tr('status.lastSync')}</dt>
              <dd class="v" data-testid="status-last-sync">
                {relativeTime(status()?.lastSyncAt ?? null, now())}
              </dd>
            </div>
            <div>
              <dt>{tr('status.lastProblem')}</dt>
              <dd class="v" data-testid="status-last-error" data-code={status()?.lastError ?? ''}>
                {status()?.lastError ? syncErrorText(status()!.lastError!) : tr('status.none')}
              </dd>
            </div>
          </dl>
          <div class="actions">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="status-sync-now"
              onClick={() =>
                void t
                  .runtime()
                  ?.client.syncNow()
                  .catch(() => undefined)
              }
            >
              {tr('sync.now')}
            </button>
          </div>
        </section>
        <section class="panel">
          <h2>{tr('status.device')}</h2>
          <Show
            when={t.device()}
            fallback={
              <p>
                {tr('status.notEnrolled')} <A href="/enroll">{tr('status.enrollIt')}</A>.
              </p>
            }
          >
            <dl class="kv">
              <div>
                <dt>{tr('status.name')}</dt>
                <dd class="v" data-testid="status-device-name">
                  {t.device()!.deviceName}
                </dd>
              </div>
              <div>
                <dt>{tr('status.stations')}</dt>
                <dd class="v">
                  {t
                    .device()!
                    .stationIds.map((id) => stations().find((s) => s.id === id)?.name ?? id)
                    .join(', ')}
                </dd>
              </div>
            </dl>
          </Show>
          <h3>{tr('status.storage')}</h3>
          <dl class="kv">
            <div>
              <dt>{tr('status.used')}</dt>
              <dd class="v" data-testid="storage-usage">
                {formatBytes(storageInfo().usage)}
              </dd>
            </div>
            <div>
              <dt>{tr('status.available')}</dt>
              <dd class="v">{formatBytes(storageInfo().quota)}</dd>
            </div>
            <div>
              <dt>{tr('status.kept')}</dt>
              <dd class="v" data-testid="storage-persisted">
                {storageInfo().persisted === null ? tr('status.unknown') : storageInfo().persisted ? tr('status.persistent') : tr('status.mayClear')}
              </dd>
            </div>
          </dl>
          <div class="actions">
            <button type="button" class="btn" data-testid="storage-persist" onClick={() => void refreshStorage(true)}>
              {tr('status.askKeep')}
            </button>
          </div>
          <PacketPanel />
          <h3>{tr('status.app')}</h3>
          <p>{offlineReady() ? tr('status.offlineReady') : tr('status.offlinePending')}</p>
          <Show when={updateReady()} fallback={<p class="muted">{tr('status.newest')}</p>}>
            <button
              type="button"
              class="btn btn-primary"
              data-testid="status-app-update"
              disabled={blocked() !== null}
              onClick={() => void applyAppUpdate(outbox().length)}
            >
              {tr('sync.update')}
            </button>
            <Show when={blocked()}>
              <p class="muted">{blocked()}</p>
            </Show>
          </Show>
          <div class="actions">
            <A class="btn" href="/enroll" data-testid="status-reenroll">
              {tr('status.reenroll')}
            </A>
          </div>
        </section>
      </div>
      <section class="panel">
        <h2>{tr('status.outbox', formatNumber(outbox().length))}</h2>
        <table data-testid="outbox-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{tr('status.when')}</th>
              <th>{tr('status.who')}</th>
              <th>{tr('status.what')}</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={outbox()}
              fallback={
                <tr>
                  <td colSpan={4} class="muted">
                    {tr('status.nothingWaits')}
                  </td>
                </tr>
              }
            >
              {(e) => (
                <tr data-testid="outbox-row">
                  <td>{e.id}</td>
                  <td>{clockTime(e.at)}</td>
                  <td>{t.nameOf(e.actorId) ?? e.actorId}</td>
                  <td>{what(e.name)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{tr('status.problems', formatNumber(problems().length))}</h2>
        <ul data-testid="status-problems" style={{ 'padding-left': '1.2em' }}>
          <For each={problems()} fallback={<li class="muted">{tr('status.allApplied')}</li>}>
            {(p) => (
              <li data-testid="status-problem" data-kind={p.kind} style={{ margin: '8px 0' }}>
                {describeProblem(p, t.nameOf, t.user()?.id)}
                {p.resolved ? tr('status.resolved', p.resolution ?? '') : ''}
              </li>
            )}
          </For>
        </ul>
      </section>
    </main>
  );
}
