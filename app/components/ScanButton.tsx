import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';
import { emitScan } from '../scan';
import { CameraScanner } from './CameraScanner';

export interface ScanButtonProps {
  /** Where the code goes; by default into the scan feed (`onScan`), as a wedge scan would. */
  onCode?: (text: string) => void;
  class?: string;
}

/** A big button that opens the camera scanner; for tablets without a wedge scanner (§9). */
export function ScanButton(props: ScanButtonProps) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class={props.class ?? 'btn btn-block'} data-testid="scan-button" style={{ 'min-height': '56px' }} onClick={() => setOpen(true)}>
        {t('scan.button')}
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
