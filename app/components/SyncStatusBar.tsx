import { createSignal, For, Show } from 'solid-js';
import { formatNumber, t } from '../i18n';
import { relativeTime, syncErrorText } from './outcome-text';
import { DownloadProgress, RefusedNote } from './SyncRefused';

export interface ProblemView {
  id: string;
  kind: 'rejected' | 'conflict';
  text: string;
  resolved?: boolean;
}

export interface SyncStatusBarProps {
  title: string;
  subtitle?: string;
  online: boolean;
  syncing: boolean;
  pending: number;
  lastSyncAt: string | null;
  lastError: string | null;
  /** S9: the server speaks another protocol. */
  outdated: boolean;
  now: number;
  updateReady: boolean;
  /** Why the update must wait (changes waiting, mid-task), or null when it can go now. */
  updateBlocked: string | null;
  problems: ProblemView[];
  onUpdate: () => void;
  onSyncNow: () => void;
  /** Optional link target for full details (the /status screen). */
  detailsHref?: string;
  /** The server refuses this device's pushes: never "no problems" then (DESIGN §8). */
  refused?: boolean;
  /** L4: the download from cursor 0 in progress. */
  download?: { records: number; total: number | null } | null;
}

/** The always-visible sync state (DESIGN §8). Props in, events out. */
export function SyncStatusBar(props: SyncStatusBarProps) {
  const [open, setOpen] = createSignal(false);
  const openProblems = () => props.problems.filter((p) => !p.resolved);
  return (
    <header>
      <div class="syncbar" data-testid="sync-bar">
        <div class="brand">
          <img src="/icons/icon.svg" width="32" height="32" alt="" />
          <span>{props.title}</span>
          <Show when={props.subtitle}>
            <span class="muted" style={{ color: '#c9d6e3', 'font-weight': 600 }} data-testid="sync-bar-subtitle">
              {props.subtitle}
            </span>
          </Show>
        </div>
        <span class={`pill ${props.online ? 'pill-online' : 'pill-offline'}`} data-testid="sync-online" data-online={props.online ? 'true' : 'false'}>
          {props.online ? t('sync.online') : t('sync.offline')}
        </span>
        <span
          class="pill"
          data-testid="sync-pending"
          data-count={props.pending}
          data-short={props.pending === 0 ? t('sync.allSentShort') : t('sync.waitingShort', formatNumber(props.pending))}
        >
          {props.pending === 0 ? t('sync.allSent') : t('sync.waiting', props.pending, formatNumber(props.pending))}
        </span>
        <span data-testid="sync-last">
          <Show when={props.syncing} fallback={t('sync.last', relativeTime(props.lastSyncAt, props.now))}>
            <span class="spin" aria-hidden="true" /> {t('sync.syncing')}
          </Show>
        </span>
        <DownloadProgress download={props.download} />
        {/* No network is not a problem: the Offline pill says it, and the changes wait. */}
        <Show when={props.lastError && props.lastError !== 'offline' && !props.outdated}>
          {/* In words on the bar itself: a tooltip is out of reach with gloves on. */}
          <span class="pill pill-bad" data-testid="sync-error" data-code={props.lastError ?? ''} data-short={t('sync.problemShort')}>
            {t('sync.problem')}
          </span>
          <span data-testid="sync-error-text">{syncErrorText(props.lastError ?? '')}</span>
        </Show>
        <Show when={props.outdated}>
          <span class="pill pill-bad" data-testid="sync-outdated">
            {t('sync.outdated')}
          </span>
        </Show>
        <button type="button" class="btn btn-small" data-testid="sync-now" data-short={t('sync.nowShort')} onClick={() => props.onSyncNow()}>
          {t('sync.now')}
        </button>
        <Show when={props.updateReady}>
          <button
            type="button"
            class="btn btn-small btn-update"
            data-testid="app-update"
            disabled={props.updateBlocked !== null}
            onClick={() => props.onUpdate()}
          >
            {t('sync.update')}
          </button>
          <Show when={props.updateBlocked}>
            <span data-testid="app-update-blocked">({props.updateBlocked})</span>
          </Show>
        </Show>
        <button
          type="button"
          class={`btn btn-small ${openProblems().length ? 'btn-update' : ''}`}
          data-testid="sync-problems-toggle"
          aria-expanded={open()}
          onClick={() => setOpen(!open())}
        >
          <RefusedNote refused={props.refused} part="toggle" pending={props.pending}>
            {openProblems().length ? t('sync.notApplied', formatNumber(openProblems().length)) : t('sync.noProblems')} {open() ? '▲' : '▼'}
          </RefusedNote>
        </button>
        <Show when={props.detailsHref}>
          <a class="btn btn-small" href={props.detailsHref} data-testid="sync-details-link">
            {t('sync.details')}
          </a>
        </Show>
      </div>
      <Show when={open()}>
        <div class="syncbar-extra" data-testid="sync-problems">
          <RefusedNote refused={props.refused} part="detail" pending={props.pending} />
          <Show
            when={props.problems.length}
            fallback={
              <Show when={!props.refused}>
                <p>{t('sync.allApplied')}</p>
              </Show>
            }
          >
            <ul>
              <For each={props.problems}>
                {(p) => (
                  <li data-testid="sync-problem" data-kind={p.kind}>
                    <strong>
                      {p.kind === 'conflict' ? t('sync.conflict') : t('sync.rejected')}
                      {p.resolved ? t('sync.resolved') : ''}:{' '}
                    </strong>
                    {p.text}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
    </header>
  );
}
