export interface ChangeBannerProps {
  kind: string;
  message: string;
  postedBy: string;
  postedAt: string;
  busy: boolean;
  onAcknowledge: () => void;
}

const KIND_WORD: Record<string, string> = {
  'priority-shift': 'Priority shift',
  resequence: 'Resequence',
  hold: 'Hold',
  release: 'Release',
  expedite: 'Expedite',
  'date-change': 'Date change',
  note: 'Note',
};

export const kindWord = (k: string) => KIND_WORD[k] ?? k;

/** A schedule change this person must acknowledge; it stays until they do. */
export function ChangeBanner(props: ChangeBannerProps) {
  return (
    <div class="banner" role="alert" data-testid="change-banner">
      <div class="text">
        <div class="kind">{kindWord(props.kind)}</div>
        <div style={{ 'font-size': '1.15rem', 'font-weight': 700 }} data-testid="change-message">
          {props.message}
        </div>
        <div class="muted">
          Posted by {props.postedBy} ·{' '}
          {new Date(props.postedAt).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })}
        </div>
      </div>
      <button type="button" class="btn btn-primary" data-testid="change-ack" disabled={props.busy} onClick={() => props.onAcknowledge()}>
        ✔ Acknowledge
      </button>
    </div>
  );
}
