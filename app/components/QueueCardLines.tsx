import { Show } from 'solid-js';
import { formatDateTime, formatNumber, formatRelative, formatTime, t } from '../i18n';
import type { QueueItem } from '../queries/queue';
import { isLate, remainingOf } from '../queries/queue-filter';

export interface QueueCardLinesProps {
  item: QueueItem;
  now: number;
}

/** What a queue card says beyond its fields: late in words, since when it runs, why it waits, what is left. */
export function QueueCardLines(props: QueueCardLinesProps) {
  const op = () => props.item.operation;
  const remaining = () => remainingOf(props.item);
  return (
    <p class="card-lines" data-testid="queue-lines">
      <Show when={isLate(props.item, props.now)}>
        <span class="late-line" data-testid="queue-late">
          ⚠ {t('queue.lateSince', formatDateTime(props.item.workOrder!.dueAt, props.now))}
        </span>
      </Show>
      <Show when={op().status === 'running' && op().lastChange}>
        <span data-testid="queue-running-since">
          {t('queue.runningSince', formatTime(op().lastChange!.at), formatRelative(op().lastChange!.at, props.now))}
        </span>
      </Show>
      <Show when={op().status === 'paused'}>
        <span data-testid="queue-paused-why">{op().pauseReason ? t('queue.pausedWhy', op().pauseReason!) : t('queue.pausedNoReason')}</span>
      </Show>
      <Show when={remaining() !== undefined && op().status !== 'completed'}>
        <span class="remaining" data-testid="queue-remaining" data-remaining={remaining()}>
          {t('queue.remaining', formatNumber(remaining()!))}
        </span>
      </Show>
    </p>
  );
}
