import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';
import { emitScan } from '../scan';
import { CameraScanner } from './CameraScanner';

export interface ScanButtonProps {
  /** Where the code goes; by default into the scan feed (`onScan`), as a wedge scan would. */
  onCode?: (text: string) => void;
  class?: string;
  /** Shorter words where room is tight (beside the queue search); the name stays "scan with camera". */
  label?: string;
}

/** A big button that opens the camera scanner; for tablets without a wedge scanner (§9). */
export function ScanButton(props: ScanButtonProps) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button
        type="button"
        class={props.class ?? 'btn btn-block'}
        data-testid="scan-button"
        style={{ 'min-height': '56px' }}
        aria-label={props.label ? t('scan.button') : undefined}
        onClick={() => setOpen(true)}
      >
        {props.label ? (
          <>
            {/* Drawn, not an emoji: a tablet without an emoji font shows a box. */}
            <svg aria-hidden="true" width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linejoin="round">
              <path d="M3 8h4l2-3h6l2 3h4v11H3z" />
              <circle cx="12" cy="13" r="3.6" />
            </svg>
            {props.label}
          </>
        ) : (
          t('scan.button')
        )}
      </button>
      <Show when={open()}>
        <CameraScanner
          onClose={() => setOpen(false)}
          onCode={(text) => {
            setOpen(false);
            if (props.onCode) props.onCode(text);
            else emitScan(text, 'camera');
          }}
        />
      </Show>
    </>
  );
}
