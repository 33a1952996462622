import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n';
import { type CameraFailure, type CameraSession, startCamera } from '../scan/camera';

export interface CameraScannerProps {
  /** The text of the code the camera read; the scanner has closed the camera already. */
  onCode: (text: string) => void;
  onClose: () => void;
}

/** The camera full screen until it reads a code or the operator closes it (§9). */
export function CameraScanner(props: CameraScannerProps) {
  let video: HTMLVideoElement | undefined;
  let session: CameraSession | undefined;
  let closed = false;
  const [state, setState] = createSignal<'starting' | 'live' | CameraFailure>('starting');

  onMount(async () => {
    const s = await startCamera(video!, (text) => props.onCode(text));
    if (typeof s === 'string') return setState(s);
    if (closed) return s.stop();
    session = s;
    setState('live');
  });
  onCleanup(() => {
    closed = true;
    session?.stop();
  });

  const failure = () => {
    const s = state();
    return s === 'starting' || s === 'live' ? null : s;
  };

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t('scan.camera.title')}
      data-testid="camera-scanner"
      data-state={state()}
      style={{
        position: 'fixed',
        inset: '0',
        'z-index': '50',
        background: '#0b1f33',
        color: '#fff',
        display: 'flex',
        'flex-direction': 'column',
        padding: '16px',
        gap: '12px',
      }}
    >
      <h2 style={{ margin: '0' }}>{t('scan.camera.title')}</h2>
      <video
        ref={video}
        muted
        playsinline
        style={{ flex: '1', 'min-height': '0', width: '100%', 'object-fit': 'contain', background: '#000', 'border-radius': '10px' }}
      />
      <p role="status" style={{ margin: '0', 'font-size': '1.2rem', 'font-weight': '600' }} data-testid="camera-status">
        <Show when={failure()} fallback={state() === 'starting' ? t('scan.camera.starting') : t('scan.camera.hint')}>
          {(f) => t(`scan.camera.${f()}`)}
        </Show>
      </p>
      <button
        type="button"
        class="btn btn-block"
        data-testid="camera-close"
        style={{ 'min-height': '64px', 'font-size': '1.3rem' }}
        onClick={() => props.onClose()}
      >
        {t('scan.camera.close')}
      </button>
    </div>
  );
}
