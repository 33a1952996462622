import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../i18n';
import { ZoomBar } from './ZoomBar';

/**
 * A PNG or JPEG drawn into a canvas with the same zoom buttons as a PDF. A canvas, not an <img>:
 * the CSP allows images from our origin and data: only, and a 5 MB photo as a data: URL is waste.
 */
export function ImageView(props: { bytes: ArrayBuffer; contentType: string }) {
  let frame!: HTMLDivElement;
  let canvas!: HTMLCanvasElement;
  const [image, setImage] = createSignal<ImageBitmap>();
  const [failed, setFailed] = createSignal(false);
  const [zoom, setZoom] = createSignal<number | null>(null);
  const [shown, setShown] = createSignal(1);

  onMount(() => {
    createImageBitmap(new Blob([props.bytes], { type: props.contentType })).then(setImage, () => setFailed(true));
    onCleanup(() => image()?.close());
  });

  createEffect(
    on([image, zoom], ([img, z]) => {
      if (!img) return;
      const scale = z ?? Math.min(1, Math.max(0.05, (frame.clientWidth - 8) / img.width));
      setShown(scale);
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(img.width * scale * ratio);
      canvas.height = Math.floor(img.height * scale * ratio);
      canvas.style.width = `${Math.floor(img.width * scale)}px`;
      canvas.style.height = `${Math.floor(img.height * scale)}px`;
      canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
      // A blank canvas is 300 wide before anything is drawn: tests and screens wait for this instead.
      canvas.dataset.drawn = String(scale);
    }),
  );

  return (
    <div class="doc-view">
      <Show when={!failed()} fallback={<p class="doc-message">{t('documents.failed')}</p>}>
        <ZoomBar zoom={shown()} onZoom={setZoom} onFit={() => setZoom(null)} />
      </Show>
      <div class="doc-frame" ref={frame}>
        <canvas ref={canvas} data-testid="doc-canvas" />
      </div>
    </div>
  );
}
