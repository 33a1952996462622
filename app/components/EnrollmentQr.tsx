import { createResource, Show } from 'solid-js';
import { t } from '../i18n';

/** The QR code of `text` as SVG markup; bwip-js loads only when a code is shown (the console). */
async function qrSvg(text: string): Promise<string> {
  const { qrcode, drawingSVG } = await import('bwip-js/browser');
  return qrcode({ bcid: 'qrcode', text, scale: 6, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'ffffff' }, drawingSVG());
}

/** The enrollment code as a QR code, which the tablet's Enroll screen scans with its camera (A1, §9). */
export function EnrollmentQr(props: { code: string }) {
  const [svg] = createResource(() => props.code, qrSvg);
  return (
    <Show when={svg()}>
      {/* The markup is bwip-js's own drawing of our code, not user input. */}
      <div
        role="img"
        aria-label={t('scan.enrollQr.label', props.code)}
        data-testid="device-enrollment-qr"
        style={{ width: '240px', 'max-width': '100%', margin: '12px 0' }}
        innerHTML={svg()}
      />
    </Show>
  );
}
