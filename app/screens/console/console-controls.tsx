import { For, Show } from 'solid-js';
import type { Station } from '../../../shared/schema';

/** Station chips in a named group (L2: 48 px targets, pressed state said, not only shown); retired stations are not offered. */
export function StationChips(props: { legend: string; stations: Station[]; selected: string[]; onChange: (ids: string[]) => void; testid: string }) {
  const toggle = (id: string) => props.onChange(props.selected.includes(id) ? props.selected.filter((x) => x !== id) : [...props.selected, id]);
  return (
    <fieldset class="field">
      <legend>{props.legend}</legend>
      <div class="chips" data-testid={`${props.testid}s`}>
        <For
          each={props.stations.filter((s) => !s.retired || props.selected.includes(s.id))}
          fallback={<span class="muted">No stations yet: add them on the Plant tab.</span>}
        >
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
          {props.active ? 'Disable' : 'Enable'}
        </button>
      }
    >
      <button type="button" class="btn btn-small btn-danger" data-testid={`${props.testid}-disable-confirm`} onClick={() => props.onSet(false)}>
        Yes, disable
      </button>
      <button type="button" class="btn btn-small" data-testid={`${props.testid}-disable-cancel`} onClick={() => props.onCancel()}>
        Keep
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
}) {
  return (
    <Show
      when={props.confirming}
      fallback={
        <button type="button" class="btn btn-small btn-danger" data-testid={`${props.testid}-ask`} onClick={() => props.onAsk()}>
          {props.label}
        </button>
      }
    >
      <button type="button" class="btn btn-small btn-danger" data-testid={`${props.testid}-confirm`} onClick={() => props.onConfirm()}>
        {props.confirmLabel}
      </button>
      <button type="button" class="btn btn-small" data-testid={`${props.testid}-cancel`} onClick={() => props.onCancel()}>
        Keep
      </button>
    </Show>
  );
}
