import { Show, type JSX } from 'solid-js';
import { formatNumber, t } from '../i18n';

/**
 * The status bar's words while the server refuses this device's pushes (DESIGN §8): in place of
 * "No problems" on the toggle (`toggle`, children shown otherwise), and above the problems list
 * in place of "every change was applied" (`detail`).
 */
export function RefusedNote(props: { refused: boolean | undefined; part: 'toggle' | 'detail'; pending: number; children?: JSX.Element }) {
  return (
    <Show when={props.refused} fallback={props.children}>
      <Show
        when={props.part === 'detail'}
        fallback={
          <span class="pill pill-bad" data-testid="sync-refused">
            {t('syncState.refused.toggle')}
          </span>
        }
      >
        <p class="msg msg-bad" data-testid="sync-refused-detail">
          {t('syncState.refused.detail', t('syncState.refused.pending', props.pending, formatNumber(props.pending)))}
        </p>
      </Show>
    </Show>
  );
}

/** L4: "Downloading the plant: 12,000 of 24,052 records" while the first sync runs. */
export function DownloadProgress(props: { download: { records: number; total: number | null } | null | undefined }) {
  const text = () => {
    const d = props.download!;
    return d.total !== null && d.total >= d.records
      ? t('syncState.progress.of', formatNumber(d.records), formatNumber(d.total))
      : t('syncState.progress.so-far', formatNumber(d.records));
  };
  return (
    <Show when={props.download}>
      <span data-testid="sync-download" role="status">
        <Show when={props.download!.total}>
          <progress max={props.download!.total ?? undefined} value={props.download!.records} aria-hidden="true" />{' '}
        </Show>
        {text()}
      </span>
    </Show>
  );
}
