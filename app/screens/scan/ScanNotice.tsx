import { Match, Switch } from 'solid-js';
import { t } from '../../i18n';
import type { ScanTarget } from '../../scan';

export type NoticeTarget = Exclude<ScanTarget, { kind: 'job' }>;

/**
 * What a scan found when it does not open a job. T5: an old traveler fills the screen with both
 * revisions, so nobody works from it by mistake; the rest is a panel above the screen.
 */
export function ScanNotice(props: { target: NoticeTarget; onClose: () => void }) {
  const close = (
    <button
      type="button"
      class="btn btn-block"
      data-testid="scan-notice-close"
      style={{ 'min-height': '64px', 'font-size': '1.2rem' }}
      onClick={() => props.onClose()}
    >
      {t('action.close')}
    </button>
  );
  return (
    <Switch>
      <Match when={props.target.kind === 'superseded' && props.target}>
        {(s) => (
          <div
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="scan-superseded-title"
            data-testid="scan-superseded"
            style={{
              position: 'fixed',
              inset: '0',
              'z-index': '40',
              background: '#7a0000',
              color: '#fff',
              padding: '32px',
              display: 'flex',
              'flex-direction': 'column',
              gap: '24px',
              'justify-content': 'center',
            }}
          >
            <h1 id="scan-superseded-title" style={{ margin: '0', 'font-size': '2.4rem' }}>
              {t('scan.superseded.title')}
            </h1>
            <p style={{ 'font-size': '1.6rem', margin: '0' }} data-testid="scan-superseded-body">
              {t('scan.superseded.body', s().workOrder, s().printed, s().released)}
            </p>
            {close}
          </div>
        )}
      </Match>
      <Match when={props.target.kind !== 'superseded'}>
        <div
          role="alert"
          class="msg msg-warn"
          data-testid="scan-notice"
          data-kind={props.target.kind}
          style={{
            position: 'fixed',
            left: '16px',
            right: '16px',
            bottom: '16px',
            'z-index': '40',
            display: 'flex',
            gap: '16px',
            'align-items': 'center',
            background: '#fff8e1',
          }}
        >
          <p style={{ flex: '1', margin: '0', 'font-size': '1.2rem' }}>{noticeText(props.target)}</p>
          <div style={{ width: '12rem' }}>{close}</div>
        </div>
      </Match>
    </Switch>
  );
}

function noticeText(n: NoticeTarget): string {
  if (n.kind === 'elsewhere') {
    const status = t(`scan.status.${n.status}`);
    return n.stationName ? t('scan.elsewhere', n.workOrder, n.stationName, status) : t('scan.elsewhereUnknown', n.workOrder, status);
  }
  return n.kind === 'unknown' ? t('scan.unknown', n.raw) : '';
}
