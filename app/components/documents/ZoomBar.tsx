import { Show } from 'solid-js';
import { formatNumber, t } from '../../i18n';

export interface ZoomBarProps {
  zoom: number;
  onZoom: (zoom: number) => void;
  onFit: () => void;
  /** Paging, for PDFs; absent for images. */
  page?: number;
  pages?: number;
  onPage?: (page: number) => void;
}

export const ZOOM_STEP = 1.25;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 6;
const clamp = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/** Paging and zoom for the viewer, every button big enough for a gloved finger (L2). */
export function ZoomBar(props: ZoomBarProps) {
  return (
    <div class="doc-tools" role="toolbar">
      <Show when={props.pages !== undefined && props.onPage}>
        <button
          type="button"
          class="btn"
          data-testid="doc-prev"
          aria-label={t('documents.previous')}
          disabled={(props.page ?? 1) <= 1}
          onClick={() => props.onPage?.((props.page ?? 1) - 1)}
        >
          ‹
        </button>
        <span class="doc-page" data-testid="doc-page" aria-live="polite">
          {t('documents.page', formatNumber(props.page ?? 1), formatNumber(props.pages ?? 1))}
        </span>
        <button
          type="button"
          class="btn"
          data-testid="doc-next"
          aria-label={t('documents.next')}
          disabled={(props.page ?? 1) >= (props.pages ?? 1)}
          onClick={() => props.onPage?.((props.page ?? 1) + 1)}
        >
          ›
        </button>
      </Show>
      <button
        type="button"
        class="btn"
        data-testid="doc-zoom-out"
        aria-label={t('documents.zoomOut')}
        onClick={() => props.onZoom(clamp(props.zoom / ZOOM_STEP))}
      >
        −
      </button>
      <span class="doc-zoom" data-testid="doc-zoom">
        {t('documents.zoom', formatNumber(Math.round(props.zoom * 100)))}
      </span>
      <button
        type="button"
        class="btn"
        data-testid="doc-zoom-in"
        aria-label={t('documents.zoomIn')}
        onClick={() => props.onZoom(clamp(props.zoom * ZOOM_STEP))}
      >
        +
      </button>
      <button type="button" class="btn" data-testid="doc-fit" onClick={() => props.onFit()}>
        {t('documents.fit')}
      </button>
    </div>
  );
}
