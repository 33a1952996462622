import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../i18n';
import type { PDFDocumentProxy } from './pdf';
import { ZoomBar } from './ZoomBar';

/** A PDF page drawn by pdf.js into a canvas, with paging and zoom; pdf.js loads on first use. */
export function PdfView(props: { bytes: ArrayBuffer }) {
  let frame!: HTMLDivElement;
  let canvas!: HTMLCanvasElement;
  const [pdf, setPdf] = createSignal<PDFDocumentProxy>();
  const [failed, setFailed] = createSignal(false);
  const [page, setPage] = createSignal(1);
  // null: fit the page's width to the frame.
  const [zoom, setZoom] = createSignal<number | null>(null);
  const [shown, setShown] = createSignal(1);
  let task: { cancel(): void; promise: Promise<void> } | undefined;

  onMount(() => {
    let closed = false;
    import('./pdf')
      .then((m) => m.openPdf(props.bytes))
      .then((doc) => (closed ? void doc.destroy() : setPdf(doc)))
      .catch(() => setFailed(true));
    onCleanup(() => {
      closed = true;
      task?.cancel();
      void pdf()?.destroy();
    });
  });

  createEffect(
    on([pdf, page, zoom], async ([doc, n, z]) => {
      if (!doc) return;
      task?.cancel();
      const p = await doc.getPage(n);
      const base = p.getViewport({ scale: 1 });
      const scale = z ?? Math.max(0.1, (frame.clientWidth - 8) / base.width);
      setShown(scale);
      const viewport = p.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      const current = p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      task = current;
      try {
        await current.promise;
        canvas.dataset.renderedPage = String(n);
      } catch {
        // Cancelled by a newer page or zoom; that one draws.
      }
    }),
  );

  return (
    <div class="doc-view">
      <Show when={!failed()} fallback={<p class="doc-message">{t('documents.failed')}</p>}>
        <Show when={pdf()}>
          <ZoomBar zoom={shown()} onZoom={setZoom} onFit={() => setZoom(null)} page={page()} pages={pdf()!.numPages} onPage={setPage} />
        </Show>
        <Show when={!pdf()}>
          <p class="doc-message">{t('documents.loading')}</p>
        </Show>
      </Show>
      <div class="doc-frame" ref={frame}>
        <canvas ref={canvas} data-testid="doc-canvas" />
      </div>
    </div>
  );
}
