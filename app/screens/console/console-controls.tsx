import { For, type JSX, Match, type ParentProps, Show, Switch } from 'solid-js';
import type { Station } from '../../../shared/schema';
import { t } from '../../i18n';

/** A submit handler that keeps the page where it is and calls `then`. */
const submitted = (then: () => void) => (e: SubmitEvent) => {
  e.preventDefault();
  then();
};

/** Station chips in a named group (L2: 48 px targets, pressed state said, not only shown); retired stations are not offered. */
export function StationChips(props: { legend: string; stations: Station[]; selected: string[]; onChange: (ids: string[]) => void; testid: string }) {
  const toggle = (id: string) => props.onChange(props.selected.includes(id) ? props.selected.filter((x) => x !== id) : [...props.selected, id]);
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      <div class="chips" data-testid={`${props.testid}s`}>
        <For each={props.stations.filter((s) => !s.retired || props.selected.includes(s.id))} fallback={<span class="muted">{t('console.noStations')}</span>}>
          {(s) => (
            <button
              type="button"
              class="chip"
              aria-pressed={props.selected.includes(s.id)}
              data-testid={props.testid}
              data-station-id={s.id}
              onClick={() => toggle(s.id)}
            >
              {s.name}
            </button>
          )}
        </For>
      </div>
    </fieldset>
  );
}

/**
 * Disable / Enable with a confirm step before disabling (enabling needs none): the same two taps
 * for console users and floor people. `testid` prefixes `-toggle`, `-disable-confirm`, `-disable-cancel`.
 */
export function DisableToggle(props: {
  active: boolean;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onSet: (active: boolean) => void;
  testid: string;
}) {
  return (
    <Show
      when={props.confirming}
      fallback={
        <button
          type="button"
          class={`btn btn-small${props.active ? ' btn-danger' : ''}`}
          data-testid={`${props.testid}-toggle`}
          onClick={() => (props.active ? props.onAsk() : props.onSet(true))}
        >
          {props.active ? t('console.disable') : t('console.enable')}
        </button>
      }
    >
      <button type="button" class="btn btn-small btn-danger" data-testid={`${props.testid}-disable-confirm`} onClick={() => props.onSet(false)}>
        {t('console.disableConfirm')}
      </button>
      <button type="button" class="btn btn-small" data-testid={`${props.testid}-disable-cancel`} onClick={() => props.onCancel()}>
        {t('console.keep')}
      </button>
    </Show>
  );
}

/** A result line next to what was tapped (STYLE 12): green when done, red with the reason when not. */
export function ResultLine(props: { result: { ok: boolean; text: string } | null; testid: string }) {
  return (
    <Show when={props.result}>
      <p class={`msg ${props.result!.ok ? 'msg-ok' : 'msg-bad'}`} role="status" data-testid={props.testid}>
        {props.result!.text}
      </p>
    </Show>
  );
}

/**
 * A destructive row action with a confirm step (retire, remove): the first tap asks, the second
 * does it, "Keep" goes back. `testid` prefixes `-ask`, `-confirm`, `-cancel`.
 */
export function ConfirmAction(props: {
  label: string;
  confirmLabel: string;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
  testid: string;
  /** Said next to the confirm button while asking. */
  question?: string;
  /** Full-size buttons, for an act on a card rather than in a table row. */
  large?: boolean;
  disabled?: boolean;
}) {
  const size = () => (props.large ? 'btn' : 'btn btn-small');
  return (
    <Show
      when={props.confirming}
      fallback={
        <button type="button" class={`${size()} btn-danger`} data-testid={`${props.testid}-ask`} disabled={props.disabled} onClick={() => props.onAsk()}>
          {props.label}
        </button>
      }
    >
      <Show when={props.question}>
        <p style={{ 'font-weight': 700 }} data-testid={`${props.testid}-question`}>
          {props.question}
        </p>
      </Show>
      <button type="button" class={`${size()} btn-danger`} data-testid={`${props.testid}-confirm`} disabled={props.disabled} onClick={() => props.onConfirm()}>
        {props.confirmLabel}
      </button>
      <button type="button" class={size()} data-testid={`${props.testid}-cancel`} onClick={() => props.onCancel()}>
        {t('console.keep')}
      </button>
    </Show>
  );
}

/**
 * One row of a console list changed in place: its value cells and, in a last cell, its actions;
 * while `editing`, a row as wide as the table under it holds the editor (STYLE 12: the form opens
 * next to what was tapped). `testid` prefixes `-row` and `-editor`; `data` goes on both rows, so
 * the editor says what it edits too. A `readOnly` row (a retired one) offers no actions.
 */
export function EditableRow(
  props: ParentProps<{
    testid: string;
    data: Record<`data-${string}`, string>;
    columns: number;
    actions: JSX.Element;
    readOnly?: boolean;
    /** What a read-only (retired) row offers instead, e.g. Restore. */
    readOnlyActions?: JSX.Element;
    editing: boolean;
    editor: JSX.Element;
  }>,
) {
  return (
    <>
      <tr data-testid={`${props.testid}-row`} class={props.editing ? 'row-open' : undefined} {...props.data}>
        {props.children}
        <td>
          <Show when={!props.readOnly} fallback={props.readOnlyActions}>
            <div class="actions row-actions" style={{ 'margin-top': 0, 'flex-wrap': 'nowrap' }}>
              {props.actions}
            </div>
          </Show>
        </td>
      </tr>
      <Show when={props.editing}>
        <tr data-testid={`${props.testid}-editor`} class="row-editor" {...props.data}>
          <td colSpan={props.columns}>{props.editor}</td>
        </tr>
      </Show>
    </>
  );
}

/** The button that opens a row's editor; `aria-expanded` says whether it is open. */
export function EditButton(props: ParentProps<{ testid: string; open: boolean; onOpen: () => void; nowrap?: boolean }>) {
  return (
    <button
      type="button"
      class="btn btn-small"
      style={props.nowrap ? { 'white-space': 'nowrap' } : undefined}
      data-testid={props.testid}
      aria-expanded={props.open}
      onClick={() => props.onOpen()}
    >
      {props.children}
    </button>
  );
}

/** The form inside a row's editor: its fields, then Save (enabled when `canSave`) and Cancel. */
export function RowEditForm(
  props: ParentProps<{ testid?: string; saveTestid: string; saveLabel?: string; canSave: boolean; onSave: () => void; onCancel: () => void }>,
) {
  return (
    <form data-testid={props.testid} onSubmit={submitted(() => props.onSave())}>
      {props.children}
      <div class="actions">
        <button type="submit" class="btn btn-small btn-primary" data-testid={props.saveTestid} disabled={!props.canSave}>
          {props.saveLabel ?? t('action.save')}
        </button>
        <button type="button" class="btn btn-small" onClick={() => props.onCancel()}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A form that adds something: an optional heading, its fields, one primary submit button. `panel` draws it as a card. */
export function CreateForm(
  props: ParentProps<{ testid: string; title?: string; panel?: boolean; submitTestid: string; submitLabel: string; canSubmit: boolean; onSubmit: () => void }>,
) {
  return (
    <form class={props.panel ? 'panel' : undefined} data-testid={props.testid} onSubmit={submitted(() => props.onSubmit())}>
      <Show when={props.title}>
        <h2>{props.title}</h2>
      </Show>
      {props.children}
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid={props.submitTestid} disabled={!props.canSubmit}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}

/** What an empty list's row or note gets: "Loading…" first, the failure and Try again when the load failed. */
type EmptyState = ParentProps<{ loading?: boolean; failure?: string | null; onRetry?: () => void }>;

/** A failed load in words, with Try again; `role="alert"`, as nothing else on the list says it. */
function LoadFailed(props: { text: string; onRetry?: () => void }) {
  return (
    <div class="msg msg-bad load-failed" role="alert" data-testid="list-failed">
      <span>{props.text}</span>
      <Show when={props.onRetry}>
        <button type="button" class="btn btn-small" data-testid="list-retry" onClick={() => props.onRetry?.()}>
          {t('action.tryAgain')}
        </button>
      </Show>
    </div>
  );
}

/**
 * The row of a table with no rows: "Loading…" until the list's first answer; if the load failed,
 * why and Try again (never "No … yet", which would say the plant is empty); else what empty means.
 */
export function EmptyRow(props: EmptyState & { columns?: number }) {
  return (
    <tr>
      <Switch
        fallback={
          <td colSpan={props.columns} class="muted">
            {props.children}
          </td>
        }
      >
        <Match when={props.loading}>
          <td colSpan={props.columns} class="muted" data-testid="list-loading">
            {t('console.loading')}
          </td>
        </Match>
        <Match when={props.failure}>
          <td colSpan={props.columns}>
            <LoadFailed text={props.failure!} onRetry={props.onRetry} />
          </td>
        </Match>
      </Switch>
    </tr>
  );
}

/** The same for a list that is not a table (departments): one muted line, or the failure. */
export function EmptyNote(props: EmptyState) {
  return (
    <Switch fallback={<p class="muted">{props.children}</p>}>
      <Match when={props.loading}>
        <p class="muted" data-testid="list-loading">
          {t('console.loading')}
        </p>
      </Match>
      <Match when={props.failure}>
        <LoadFailed text={props.failure!} onRetry={props.onRetry} />
      </Match>
    </Switch>
  );
}
