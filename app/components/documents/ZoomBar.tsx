import { type JSX, Show } from 'solid-js';
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

/** One toolbar button: a glyph with a spoken name, or plain words. */
function ToolButton(props: { testid: string; label?: string; disabled?: boolean; onClick: () => void; children: JSX.Element }) {
  return (
    <button type="button" class="btn" data-testid={props.testid} aria-label={props.label} disabled={props.disabled} onClick={() => props.onClick()}>
      {props.children}
    </button>
  );
}

/** Paging and zoom for the viewer, every button big enough for a gloved finger (L2). */
export function ZoomBar(props: ZoomBarProps) {
  const page = () => props.page ?? 1;
  const pages = () => props.pages ?? 1;
  return (
    <div class="doc-tools" role="toolbar">
      <Show when={props.pages !== undefined && props.onPage}>
        <ToolButton testid="doc-prev" label={t('documents.previous')} disabled={page() <= 1} onClick={() => props.onPage?.(page() - 1)}>
          ‹
        </ToolButton>
        <span class="doc-page" data-testid="doc-page" aria-live="polite">
          {t('documents.page', formatNumber(page()), formatNumber(pages()))}
        </span>
        <ToolButton testid="doc-next" label={t('documents.next')} disabled={page() >= pages()} onClick={() => props.onPage?.(page() + 1)}>
          ›
        </ToolButton>
      </Show>
      <ToolButton testid="doc-zoom-out" label={t('documents.zoomOut')} onClick={() => props.onZoom(clamp(props.zoom / ZOOM_STEP))}>
        −
      </ToolButton>
      <span class="doc-zoom" data-testid="doc-zoom">
        {t('documents.zoom', formatNumber(Math.round(props.zoom * 100)))}
      </span>
      <ToolButton testid="doc-zoom-in" label={t('documents.zoomIn')} onClick={() => props.onZoom(clamp(props.zoom * ZOOM_STEP))}>
        +
      </ToolButton>
      <ToolButton testid="doc-fit" onClick={() => props.onFit()}>
        {t('documents.fit')}
      </ToolButton>
    </div>
  );
}
