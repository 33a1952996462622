import { changeKindWord, formatDateTime, t } from '../i18n';

export interface ChangeBannerProps {
  kind: string;
  message: string;
  postedBy: string;
  postedAt: string;
  busy: boolean;
  onAcknowledge: () => void;
}

/** A schedule change's kind in words (app/i18n/<lang>/kinds.ts). */
export const kindWord = (k: string) => changeKindWord(k);

/** A schedule change this person must acknowledge; it stays until they do. */
export function ChangeBanner(props: ChangeBannerProps) {
  return (
    <div class="banner" role="alert" data-testid="change-banner">
      <div class="text">
        <div class="kind">{kindWord(props.kind)}</div>
        <div style={{ 'font-size': '1.15rem', 'font-weight': 700 }} data-testid="change-message">
          {props.message}
        </div>
        <div class="muted">{t('change.postedBy', props.postedBy, formatDateTime(props.postedAt))}</div>
      </div>
      <button type="button" class="btn btn-primary" data-testid="change-ack" disabled={props.busy} onClick={() => props.onAcknowledge()}>
        {t('change.acknowledge')}
      </button>
    </div>
  );
}
