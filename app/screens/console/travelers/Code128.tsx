import { createEffect, createSignal, onMount, Show } from 'solid-js';
import { t } from '../../../i18n';
import { bwipText, printable } from './payload';

/**
 * A Code 128 barcode drawn by bwip-js onto a canvas (no HTML from strings: X1). bwip-js is loaded
 * only when a traveler is printed, so it is not in the tablet's or the console's first load.
 */
export function Code128(props: { payload: string; label: string; height?: number; testId?: string }) {
  let canvas: HTMLCanvasElement | undefined;
  const [failed, setFailed] = createSignal(false);
  const [drawn, setDrawn] = createSignal(false);
  const draw = async () => {
    try {
      const bwip = await import('bwip-js/browser');
      if (!canvas) return;
      // A quiet zone of 10 modules each side, which scanners need to find the symbol.
      bwip.toCanvas(canvas, {
        bcid: 'code128',
        text: bwipText(props.payload),
        parse: true,
        scale: 2,
        height: props.height ?? 12,
        includetext: false,
        paddingwidth: 10,
        paddingheight: 2,
      });
      setDrawn(true);
    } catch {
      setFailed(true);
    }
  };
  onMount(() => void draw());
  createEffect(() => {
    void props.payload;
    if (drawn()) void draw();
  });
  return (
    <figure class="barcode" data-testid={props.testId ?? 'barcode'} data-payload={printable(props.payload)} data-drawn={drawn() ? 'true' : 'false'}>
      <canvas ref={canvas} role="img" aria-label={t('print.barcodeOf', props.label)} />
      <figcaption>{printable(props.payload)}</figcaption>
      <Show when={failed()}>
        <p class="msg msg-bad">{t('print.barcodeFailed')}</p>
      </Show>
    </figure>
  );
}
