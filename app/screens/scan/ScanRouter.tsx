import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../../i18n';
import { useNavigate } from '@solidjs/router';
import { onScan, resolveScan } from '../../scan';
import { useTablet } from '../shell/tablet-context';
import { type NoticeTarget, ScanNotice } from './ScanNotice';

/**
 * The shell's scan handler, under every screen's own (§9): a traveler or work-order scan opens
 * the job at `/station/:stationId/job/:operationId`, or says why it does not.
 */
export function ScanRouter() {
  const tablet = useTablet();
  const navigate = useNavigate();
  const [notice, setNotice] = createSignal<NoticeTarget | null>(null);
  const [opened, setOpened] = createSignal<{ href: string; workOrder: string } | null>(null);
  let latest = 0;

  onCleanup(
    onScan((_raw, parsed) => {
      const db = tablet.db();
      const device = tablet.device();
      // Not enrolled yet: the keys were typing, leave them where they went.
      if (!db || !device) return false;
      const mine = ++latest;
      void resolveScan(db, parsed, device.stationIds).then((target) => {
        // A second scan while the first was looked up wins.
        if (mine !== latest) return;
        if (target.kind !== 'job') return setNotice(target);
        setNotice(null);
        const href = `/station/${target.stationId}/job/${target.operationId}`;
        setOpened({ href, workOrder: target.workOrder });
        navigate(href, { state: { scan: target } });
      });
    }),
  );

  return (
    <>
      {/* Says to a screen reader which job the scan opened; `data-href` is where it went. */}
      <span
        role="status"
        data-testid="scan-opened"
        data-href={opened()?.href ?? ''}
        style={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', 'white-space': 'nowrap' }}
      >
        {opened() ? t('scan.opened', opened()!.workOrder) : ''}
      </span>
      <Show when={notice()}>{(n) => <ScanNotice target={n()} onClose={() => setNotice(null)} />}</Show>
    </>
  );
}
