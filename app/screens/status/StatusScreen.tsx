import { For, onMount, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { describeMutation } from '../../../shared/domain/mutators';
import { clockTime, describeProblem, relativeTime } from '../../components/outcome-text';
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
  const problems = useProblems(t.db, () => t.device()?.deviceId);
  const stations = useStations(t.db);
  const status = () => t.runtime()?.status();
  onMount(() => void refreshStorage(false));
  const blocked = () => updateBlockedReason(outbox().length, midTask());

  return (
    <main data-testid="status-screen">
      <div class="topline">
        <h1>Sync and device</h1>
        <Show
          when={t.user()}
          fallback={
            <A class="btn" href="/signin" data-testid="status-back">
              Back
            </A>
          }
        >
          <A class="btn" href="/station" data-testid="status-back">
            Back to station
          </A>
        </Show>
      </div>
      <div class="grid-2">
        <section class="panel">
          <h2>Sync</h2>
          <dl class="kv">
            <div>
              <dt>Network</dt>
              <dd class="v" data-testid="status-online">
                {status()?.online ? 'Online' : 'Offline'}
              </dd>
            </div>
            <div>
              <dt>Changes waiting</dt>
              <dd class="v" data-testid="status-pending">
                {outbox().length}
              </dd>
            </div>
            <div>
              <dt>Last sync</dt>
              <dd class="v" data-testid="status-last-sync">
                {relativeTime(status()?.lastSyncAt ?? null, now())}
              </dd>
            </div>
            <div>
              <dt>Last problem</dt>
              <dd class="v" data-testid="status-last-error">
                {status()?.lastError ?? 'none'}
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
              Sync now
            </button>
          </div>
        </section>
        <section class="panel">
          <h2>This tablet</h2>
          <Show
            when={t.device()}
            fallback={
              <p>
                Not enrolled. <A href="/enroll">Enroll it</A>.
              </p>
            }
          >
            <dl class="kv">
              <div>
                <dt>Name</dt>
                <dd class="v" data-testid="status-device-name">
                  {t.device()!.deviceName}
                </dd>
              </div>
              <div>
                <dt>Stations</dt>
                <dd class="v">
                  {t
                    .device()!
                    .stationIds.map((id) => stations().find((s) => s.id === id)?.name ?? id)
                    .join(', ')}
                </dd>
              </div>
            </dl>
          </Show>
          <h3>Storage</h3>
          <dl class="kv">
            <div>
              <dt>Used</dt>
              <dd class="v" data-testid="storage-usage">
                {formatBytes(storageInfo().usage)}
              </dd>
            </div>
            <div>
              <dt>Available</dt>
              <dd class="v">{formatBytes(storageInfo().quota)}</dd>
            </div>
            <div>
              <dt>Kept by the browser</dt>
              <dd class="v" data-testid="storage-persisted">
                {storageInfo().persisted === null ? 'unknown' : storageInfo().persisted ? 'yes (persistent)' : 'no (may be cleared)'}
              </dd>
            </div>
          </dl>
          <div class="actions">
            <button type="button" class="btn" data-testid="storage-persist" onClick={() => void refreshStorage(true)}>
              Ask to keep data
            </button>
          </div>
          <PacketPanel />
          <h3>App</h3>
          <p>{offlineReady() ? 'Ready to work offline.' : 'Offline copy: installed once the service worker is active.'}</p>
          <Show when={updateReady()} fallback={<p class="muted">This is the newest version we know of.</p>}>
            <button
              type="button"
              class="btn btn-primary"
              data-testid="status-app-update"
              disabled={blocked() !== null}
              onClick={() => void applyAppUpdate(outbox().length)}
            >
              A new version is ready — Update
            </button>
            <Show when={blocked()}>
              <p class="muted">{blocked()}</p>
            </Show>
          </Show>
          <div class="actions">
            <A class="btn" href="/enroll" data-testid="status-reenroll">
              Enroll again…
            </A>
          </div>
        </section>
      </div>
      <section class="panel">
        <h2>Waiting to be sent ({outbox().length})</h2>
        <table data-testid="outbox-table">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={outbox()}
              fallback={
                <tr>
                  <td colSpan={4} class="muted">
                    Nothing waits.
                  </td>
                </tr>
              }
            >
              {(e) => (
                <tr data-testid="outbox-row">
                  <td>{e.id}</td>
                  <td>{clockTime(e.at)}</td>
                  <td>{t.nameOf(e.actorId) ?? e.actorId}</td>
                  <td>{describeMutation(e.name, e.args)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>Not applied ({problems().length})</h2>
        <ul data-testid="status-problems" style={{ 'padding-left': '1.2em' }}>
          <For each={problems()} fallback={<li class="muted">Every change this tablet sent was applied.</li>}>
            {(p) => (
              <li data-testid="status-problem" data-kind={p.kind} style={{ margin: '8px 0' }}>
                {describeProblem(p, t.nameOf)}
                {p.resolved ? ` Resolved by the coordinator${p.resolution ? `: ${p.resolution}` : ''}.` : ''}
              </li>
            )}
          </For>
        </ul>
      </section>
    </main>
  );
}
