import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { formatDuration, t } from '../i18n';
import { type UndoTarget, undoLeft } from './report-rows';

export interface CardUndoProps {
  /** This person's last act on the operation (`lastOwnAct`), or undefined. */
  target: UndoTarget | undefined;
  busy: boolean;
  onUndo: (target: UndoTarget) => void;
  /** The clock (STYLE 5); the wall clock by default. */
  now?: () => number;
}

const WHAT = {
  startOperation: 'corr.undo.start',
  pauseOperation: 'corr.undo.pause',
  completeOperation: 'corr.undo.complete',
  reportQuantity: 'corr.undo.report',
} as const;

const identity = (u: UndoTarget | undefined) => (u ? `${u.act}:${u.at}:${'reportId' in u ? u.reportId : ''}` : '');

/** Left in whole minutes while a minute or more is left, then in seconds: the countdown in words. */
const leftWords = (ms: number) => formatDuration(ms >= 60_000 ? Math.floor(ms / 60_000) * 60_000 : Math.ceil(ms / 1000) * 1000);

/**
 * The Undo of this person's last act on the card, for the two minutes undoLast allows, counting down;
 * asks once; when the window closes on screen it says a lead can correct it instead.
 */
export function CardUndo(props: CardUndoProps) {
  const clock = () => (props.now ?? Date.now)();
  const [now, setNow] = createSignal(clock());
  const timer = setInterval(() => setNow(clock()), 1000);
  onCleanup(() => clearInterval(timer));
  const [asking, setAsking] = createSignal(false);
  const [closed, setClosed] = createSignal(false);
  const left = () => (props.target ? undoLeft(props.target.at, now()) : 0);
  // A new act opens a new window: forget the last question and the last "too late".
  createEffect(
    on(
      () => identity(props.target),
      () => {
        setNow(clock());
        setAsking(false);
        setClosed(false);
      },
    ),
  );
  let wasOpen = false;
  createEffect(
    on(
      () => [identity(props.target), left() > 0] as const,
      ([, open]) => {
        if (wasOpen && !open && props.target) setClosed(true);
        wasOpen = open;
      },
    ),
  );
  const what = () => (props.target ? t(WHAT[props.target.act]) : '');
  return (
    <>
      <Show when={props.target && left() > 0}>
        <div class="actions" style={{ 'margin-top': '8px' }}>
          <button type="button" class="btn" data-testid="op-undo" disabled={props.busy} aria-expanded={asking()} onClick={() => setAsking(!asking())}>
            ↶ {t('corr.undo.left', what(), leftWords(left()))}
          </button>
        </div>
        <Show when={asking()}>
          <div class="msg msg-warn" role="alert" data-testid="op-undo-confirm" style={{ 'margin-top': '8px' }}>
            <p>{t('corr.undo.confirm', what())}</p>
            <div class="actions">
              <button
                type="button"
                class="btn btn-primary"
                data-testid="op-undo-yes"
                disabled={props.busy}
                onClick={() => {
                  setAsking(false);
                  if (props.target) props.onUndo(props.target);
                }}
              >
                {t('corr.undo.yes')}
              </button>
              <button type="button" class="btn" data-testid="op-undo-no" onClick={() => setAsking(false)}>
                {t('corr.confirm.noBack')}
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <Show when={closed() && props.target && left() <= 0}>
        <p class="muted" data-testid="op-undo-closed">
          {t('corr.undo.tooLate')}
        </p>
      </Show>
    </>
  );
}
