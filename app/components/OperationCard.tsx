import { createSignal, For, Show, type JSX } from 'solid-js';
import { formatDateTime, formatNumber, holdKindWord, operationStatusWord, pauseReasonWord, t } from '../i18n';
import type { QueueItem } from '../queries/queue';
import { QueueCardLines } from './QueueCardLines';
import { CardResult, type CardResultValue, CompleteConfirm, disabledReason } from './card-result';

export interface OperationCardProps {
  item: QueueItem;
  /** A mutation for this card is on its way: buttons wait. */
  busy: boolean;
  pauseReasons: string[];
  holdPlacedBy?: string;
  /** Where the card's title and Open button lead: the job screen. */
  openHref?: string;
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

function dueText(iso: string | undefined): string {
  return iso ? formatDateTime(iso) : '—';
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
        <Show
          when={props.openHref}
          fallback={
            <span class="wo-number" data-testid="queue-wo-number">
              {wo()?.number ?? t('op.unknownWorkOrder')}
            </span>
          }
        >
          <a class="wo-number wo-link" href={props.openHref} data-testid="queue-wo-number">
            {wo()?.number ?? t('op.unknownWorkOrder')}
          </a>
        </Show>
        <span class={`badge badge-${op().status}`} data-testid="queue-op-status">
          {operationStatusWord(op().status)}
        </span>
        <Show when={held()}>
          <span class="badge badge-hold" data-testid="queue-hold-badge">
            {t('op.onHold', holdKindWord(props.item.hold!.kind))}
          </span>
        </Show>
        <Show when={overdue() && op().status !== 'completed'}>
          <span class="badge badge-late">{t('op.overdue')}</span>
        </Show>
        <Show when={props.openHref}>
          <a class="btn btn-small card-open" href={props.openHref} data-testid="op-open">
            {t('queue.open')} ›
          </a>
        </Show>
        <span class="muted">{t('op.line', String(op().seq), op().name ?? '', wo() ? formatNumber(wo()!.priority) : '—')}</span>
      </div>
      <div class="kv">
        <div>
          <span class="k">{t('op.part')}</span>
          <span class="v" data-testid="queue-part">
            {t('op.partRev', wo()?.partNumber ?? '—', wo()?.revision ?? '—')}
          </span>
        </div>
        <div style={{ 'grid-column': 'span 2' }}>
          <span class="k">{t('op.description')}</span>
          <span class="v">{wo()?.description || '—'}</span>
        </div>
        <div>
          <span class="k">{t('op.ordered')}</span>
          <span class="v" data-testid="queue-qty">
            {wo() ? formatNumber(wo()!.quantity) : '—'}
          </span>
        </div>
        <div>
          <span class="k">{t('op.due')}</span>
          <span class="v">{dueText(wo()?.dueAt)}</span>
        </div>
        <div>
          <span class="k">{t('op.goodScrap')}</span>
          <span class="v" data-testid="queue-good-scrap">
            {formatNumber(op().good)} / {formatNumber(op().scrap)}
          </span>
        </div>
      </div>
      <QueueCardLines item={props.item} now={Date.now()} />
      <Show when={held()}>
        <p class="hold-reason" data-testid="queue-hold-reason">
          {t('op.blocked', holdKindWord(props.item.hold!.kind), props.item.hold!.reason, props.holdPlacedBy ?? '')}
        </p>
      </Show>
      <div class="actions">
        <button type="button" class="btn btn-go" data-testid="op-start" disabled={props.busy || !canStart()} onClick={() => props.onStart()}>
          ▶ {op().status === 'paused' ? t('op.resume') : t('op.start')}
        </button>
        <button
          type="button"
          class="btn btn-stop"
          data-testid="op-pause"
          disabled={props.busy || !canPause()}
          onClick={() => setAskReason(!askReason())}
          aria-expanded={askReason()}
        >
          ❚❚ {t('op.pause')}
        </button>
        <button type="button" class="btn btn-primary" data-testid="op-complete" disabled={props.busy || !canComplete()} onClick={() => complete()}>
          ✔ {t('op.complete')}
        </button>
        <button type="button" class="btn" data-testid="op-report" disabled={props.busy} onClick={() => props.onReport()}>
          # {t('op.report')}
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
          <h3>{t('op.whyPause')}</h3>
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
                  {pauseReasonWord(r)}
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
              {t('op.noReason')}
            </button>
          </div>
        </div>
      </Show>
      {props.children}
    </article>
  );
}
