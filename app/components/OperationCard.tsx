import { createSignal, For, Show, type JSX } from 'solid-js';
import type { QueueItem } from '../queries/queue';
import { CardResult, type CardResultValue, CompleteConfirm, disabledReason } from './card-result';

export interface OperationCardProps {
  item: QueueItem;
  /** A mutation for this card is on its way: buttons wait. */
  busy: boolean;
  pauseReasons: string[];
  holdPlacedBy?: string;
  onStart: () => void;
  onPause: (reason: string | undefined) => void;
  onComplete: () => void;
  onReport: () => void;
  /** The result of the last tap on this card, shown on the card next to its buttons. */
  result?: CardResultValue | null;
  onDismissResult?: () => void;
  /** The quantity form, shown inside the card when open. */
  children?: JSX.Element;
}

const STATUS_WORD: Record<string, string> = {
  pending: 'Not started',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
};

function dueText(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** One operation in the station's queue with its actions; a hold disables start and complete. */
export function OperationCard(props: OperationCardProps) {
  const [askReason, setAskReason] = createSignal(false);
  const [askComplete, setAskComplete] = createSignal(false);
  const op = () => props.item.operation;
  const wo = () => props.item.workOrder;
  const held = () => Boolean(props.item.hold);
  const cancelled = () => wo()?.status === 'cancelled';
  const overdue = () => (wo() ? Date.parse(wo()!.dueAt) < Date.now() : false);
  const canStart = () => !held() && !cancelled() && (op().status === 'pending' || op().status === 'paused');
  const canPause = () => op().status === 'running';
  const canComplete = () => !held() && !cancelled() && (op().status === 'running' || op().status === 'paused');
  // Completing with no good parts is usually a missed report: ask once, next to the button.
  const complete = () => (op().good === 0 ? setAskComplete(true) : props.onComplete());
  return (
    <article
      class={`card ${held() ? 'card-held' : ''} ${op().status === 'running' ? 'card-running' : ''}`}
      data-testid="queue-item"
      data-operation-id={op().id}
      data-wo-number={wo()?.number ?? ''}
      data-status={op().status}
      data-held={held() ? 'true' : 'false'}
    >
      <div class="card-head">
        <span class="wo-number" data-testid="queue-wo-number">
          {wo()?.number ?? 'Unknown work order'}
        </span>
        <span class={`badge badge-${op().status}`} data-testid="queue-op-status">
          {STATUS_WORD[op().status] ?? op().status}
        </span>
        <Show when={held()}>
          <span class="badge badge-hold" data-testid="queue-hold-badge">
            On {props.item.hold!.kind} hold
          </span>
        </Show>
        <Show when={overdue() && op().status !== 'completed'}>
          <span class="badge badge-late">Overdue</span>
        </Show>
        <span class="muted">
          Op {op().seq}
          {op().name ? ` · ${op().name}` : ''} · Priority {wo()?.priority ?? '—'}
        </span>
      </div>
      <div class="kv">
        <div>
          <span class="k">Part</span>
          <span class="v" data-testid="queue-part">
            {wo()?.partNumber ?? '—'} rev {wo()?.revision ?? '—'}
          </span>
        </div>
        <div style={{ 'grid-column': 'span 2' }}>
          <span class="k">Description</span>
          <span class="v">{wo()?.description || '—'}</span>
        </div>
        <div>
          <span class="k">Ordered</span>
          <span class="v" data-testid="queue-qty">
            {wo()?.quantity ?? '—'}
          </span>
        </div>
        <div>
          <span class="k">Due</span>
          <span class="v">{dueText(wo()?.dueAt)}</span>
        </div>
        <div>
          <span class="k">Good / scrap</span>
          <span class="v" data-testid="queue-good-scrap">
            {op().good} / {op().scrap}
          </span>
        </div>
      </div>
      <Show when={held()}>
        <p class="hold-reason" data-testid="queue-hold-reason">
          Blocked — {props.item.hold!.kind} hold: {props.item.hold!.reason}
          {props.holdPlacedBy ? ` (placed by ${props.holdPlacedBy})` : ''}
        </p>
      </Show>
      <div class="actions">
        <button type="button" class="btn btn-go" data-testid="op-start" disabled={props.busy || !canStart()} onClick={() => props.onStart()}>
          ▶ {op().status === 'paused' ? 'Resume' : 'Start'}
        </button>
        <button
          type="button"
          class="btn btn-stop"
          data-testid="op-pause"
          disabled={props.busy || !canPause()}
          onClick={() => setAskReason(!askReason())}
          aria-expanded={askReason()}
        >
          ❚❚ Pause
        </button>
        <button type="button" class="btn btn-primary" data-testid="op-complete" disabled={props.busy || !canComplete()} onClick={() => complete()}>
          ✔ Complete
        </button>
        <button type="button" class="btn" data-testid="op-report" disabled={props.busy} onClick={() => props.onReport()}>
          # Report quantity
        </button>
      </div>
      <Show when={disabledReason({ busy: props.busy, held: held(), holdKind: props.item.hold?.kind, cancelled: cancelled(), status: op().status })}>
        {(why) => (
          <p class="muted" data-testid="op-why-disabled">
            {why()}
          </p>
        )}
      </Show>
      <Show when={askComplete() && canComplete()}>
        <CompleteConfirm
          onYes={() => {
            setAskComplete(false);
            props.onComplete();
          }}
          onNo={() => setAskComplete(false)}
        />
      </Show>
      <CardResult result={props.result} onDismiss={() => props.onDismissResult?.()} />
      <Show when={askReason() && canPause()}>
        <div class="panel" style={{ 'margin-top': '12px' }} data-testid="pause-reasons">
          <h3>Why are you pausing?</h3>
          <div class="chips">
            <For each={props.pauseReasons}>
              {(r) => (
                <button
                  type="button"
                  class="chip"
                  data-testid="pause-reason"
                  data-reason={r}
                  onClick={() => {
                    setAskReason(false);
                    props.onPause(r);
                  }}
                >
                  {r}
                </button>
              )}
            </For>
            <button
              type="button"
              class="chip"
              data-testid="pause-no-reason"
              onClick={() => {
                setAskReason(false);
                props.onPause(undefined);
              }}
            >
              No reason
            </button>
          </div>
        </div>
      </Show>
      {props.children}
    </article>
  );
}
