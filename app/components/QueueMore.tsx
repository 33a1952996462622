import { Show } from 'solid-js';
import { formatNumber, t } from '../i18n';

export interface QueueMoreProps {
  /** Cards on screen. */
  listed: number;
  /** Items the filter lets through. */
  matching: number;
  /** How many more a tap lists. */
  page: number;
  onMore: () => void;
}

/** Under a queue that lists only some of its matches: how many, and a button for the next page. */
export function QueueMore(props: QueueMoreProps) {
  return (
    <Show when={props.matching > props.listed}>
      <div class="queue-more" data-testid="queue-more">
        <p class="muted" data-testid="queue-listed" aria-live="polite">
          {t('queueList.listed', formatNumber(props.listed), formatNumber(props.matching))}
        </p>
        <button type="button" class="btn" data-testid="queue-show-more" onClick={() => props.onMore()}>
          {t('queueList.more', formatNumber(Math.min(props.page, props.matching - props.listed)))}
        </button>
      </div>
    </Show>
  );
}
