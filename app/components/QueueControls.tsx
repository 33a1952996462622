import { For, type JSX } from 'solid-js';
import { t } from '../i18n';
import type { QueueFilter } from '../queries/queue-filter';

export interface QueueControlsProps {
  filter: QueueFilter;
  shown: number;
  total: number;
  onChange: (f: QueueFilter) => void;
  /** Beside the search field (the station puts its camera scan button there). */
  children?: JSX.Element;
}

const STATUSES = ['all', 'running', 'paused', 'ready'] as const;

/** The queue's filter chips and search field: big targets, the state in words (aria-pressed). */
export function QueueControls(props: QueueControlsProps) {
  const set = (patch: Partial<QueueFilter>) => props.onChange({ ...props.filter, ...patch });
  return (
    <div class="queue-controls" data-testid="queue-controls">
      <fieldset class="field">
        <legend class="sr-only">{t('queue.filter.label')}</legend>
        <div class="chips">
          <For each={STATUSES}>
            {(s) => (
              <button
                type="button"
                class="chip"
                data-testid="queue-filter"
                data-filter={s}
                aria-pressed={props.filter.status === s}
                onClick={() => set({ status: s })}
              >
                {t(`queue.filter.${s}`)}
              </button>
            )}
          </For>
          <button
            type="button"
            class="chip"
            data-testid="queue-filter-late"
            aria-pressed={props.filter.lateOnly}
            onClick={() => set({ lateOnly: !props.filter.lateOnly })}
          >
            {t('queue.filter.late')}
          </button>
        </div>
      </fieldset>
      <div class="queue-search">
        <label class="sr-only" for="queue-search">
          {t('queue.search.label')}
        </label>
        <input
          id="queue-search"
          type="search"
          data-testid="queue-search"
          placeholder={t('queue.search.placeholder')}
          value={props.filter.search}
          onInput={(e) => set({ search: e.currentTarget.value })}
        />
        <button
          type="button"
          class="btn btn-small"
          data-testid="queue-search-clear"
          disabled={!props.filter.search}
          aria-label={t('queue.search.clear')}
          onClick={() => set({ search: '' })}
        >
          ✕
        </button>
      </div>
      {props.children}
      <p class="muted" data-testid="queue-shown" aria-live="polite">
        {t('queue.shown', props.shown, props.total)}
      </p>
    </div>
  );
}
