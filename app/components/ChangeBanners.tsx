import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../i18n';

export interface ChangeBannersProps {
  count: number;
  /** The banners themselves. */
  children: JSX.Element;
}

/**
 * Schedule changes waiting for acknowledgement. One shows as its banner; several fold behind one
 * line with their count, so they never push the first job off an 800 px screen.
 */
export function ChangeBanners(props: ChangeBannersProps) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show when={props.count > 0}>
      <Show when={props.count > 1} fallback={props.children}>
        <div class="banner banner-collapsed" data-testid="change-banners" data-count={props.count}>
          <span class="kind">⚠ {t('queue.changes.count', props.count)}</span>
          <button type="button" class="btn btn-small btn-primary" data-testid="change-banners-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>
            {open() ? `▲ ${t('queue.changes.hide')}` : '▼'}
          </button>
        </div>
        {/* Kept in the page while folded, so a banner keeps its state and an acknowledgement under way goes on. */}
        <div data-testid="change-banners-list" hidden={!open()}>
          {props.children}
        </div>
      </Show>
    </Show>
  );
}
