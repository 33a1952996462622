import { createSignal, For, Show } from 'solid-js';
import { newId } from '../../../shared/ids';
import { HoldKind } from '../../../shared/schema';
import { BackingMark } from '../../components/BackingMark';
import { resultText } from '../../components/outcome-text';
import { useHolds, useWorkOrders } from '../../queries/console';
import { useConsole } from './console-context';

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }) : '';

/** (c) Place a hold on a work order (or one operation) and release open holds. */
export function HoldsPanel() {
  const c = useConsole();
  const holds = useHolds(c.db);
  const workOrders = useWorkOrders(c.db);
  const [woId, setWoId] = createSignal('');
  const [filter, setFilter] = createSignal('');
  const [kind, setKind] = createSignal<HoldKind>('quality');
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const woNumber = (id: string) => workOrders().find((w) => w.id === id)?.number ?? id;

  const open = () => workOrders().filter((w) => w.status !== 'completed' && w.status !== 'cancelled');
  const shown = () => {
    const f = filter().trim().toLowerCase();
    return f ? open().filter((w) => `${w.number} ${w.partNumber} ${w.description}`.toLowerCase().includes(f)) : open();
  };

  const place = async () => {
    setBusy('place');
    const r = await c.mutate('placeHold', { id: newId(), workOrderId: woId(), kind: kind(), reason: reason().trim() });
    setBusy(null);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, `Hold placed on ${woNumber(woId())}; it is in force once the server has it.`, c.nameOf) });
    if (r.outcome === 'applied') setReason('');
  };
  const release = async (holdId: string, wo: string) => {
    setBusy(holdId);
    const r = await c.mutate('releaseHold', { holdId });
    setBusy(null);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, `Hold on ${woNumber(wo)} released.`, c.nameOf) });
  };

  return (
    <section data-testid="holds-panel" class="grid-2">
      <form
        class="panel"
        data-testid="hold-form"
        onSubmit={(e) => {
          e.preventDefault();
          void place();
        }}
      >
        <h2>Place a hold</h2>
        <label for="hold-wo-filter">Find work order</label>
        <input
          id="hold-wo-filter"
          data-testid="hold-wo-filter"
          placeholder="Number, part or description"
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <label for="hold-wo">Work order</label>
        <select id="hold-wo" data-testid="hold-wo" value={woId()} onChange={(e) => setWoId(e.currentTarget.value)}>
          <option value="">— pick a work order —</option>
          <For each={shown()}>
            {(w) => (
              <option value={w.id}>
                {w.number} · {w.partNumber} · {w.description}
              </option>
            )}
          </For>
        </select>
        <fieldset class="field">
          <legend>Kind</legend>
          <div class="chips" data-testid="hold-kinds">
            <For each={HoldKind.options}>
              {(k) => (
                <button type="button" class="chip" aria-pressed={kind() === k} data-testid="hold-kind" data-kind={k} onClick={() => setKind(k)}>
                  {k}
                </button>
              )}
            </For>
          </div>
        </fieldset>
        <label for="hold-reason">Reason</label>
        <input id="hold-reason" data-testid="hold-reason" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <Show when={result()}>
          <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="hold-result">
            {result()!.text}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="btn btn-danger" data-testid="hold-submit" disabled={busy() !== null || !woId() || !reason().trim()}>
            Place hold
          </button>
        </div>
      </form>
      <div>
        <h2>Open holds</h2>
        <For
          each={holds().filter((h) => h.status === 'open')}
          fallback={
            <p class="muted" data-testid="holds-none">
              No open holds.
            </p>
          }
        >
          {(h) => (
            <div class="card card-held" data-testid="hold-item" data-hold-id={h.id} data-wo-number={woNumber(h.workOrderId)}>
              <div class="card-head">
                <span class="wo-number">{woNumber(h.workOrderId)}</span>
                <span class="badge badge-hold">{h.kind} hold</span>
                <Show when={h.version === 0}>
                  <span class="badge badge-flag" data-testid="hold-unsynced">
                    not on the server yet
                  </span>
                </Show>
              </div>
              <p style={{ 'font-weight': 700 }}>{h.reason}</p>
              <p class="muted">
                Placed by {c.nameOf(h.placedBy)}{' '}
                <BackingMark backing={h.placedBacking} deviceId={h.placedDeviceId} deviceName={c.deviceName(h.placedDeviceId)} /> · {time(h.placedAt)}
              </p>
              <button type="button" class="btn btn-go" data-testid="hold-release" disabled={busy() !== null} onClick={() => void release(h.id, h.workOrderId)}>
                Release hold
              </button>
            </div>
          )}
        </For>
        <h3>Recently released</h3>
        <ul data-testid="holds-released">
          <For
            each={holds()
              .filter((h) => h.status === 'released')
              .slice(0, 10)}
            fallback={<li class="muted">None.</li>}
          >
            {(h) => (
              <li>
                {woNumber(h.workOrderId)} · {h.kind}: {h.reason} — released by {c.nameOf(h.releasedBy ?? '')}{' '}
                <BackingMark backing={h.releasedBacking} deviceId={h.releasedDeviceId} deviceName={c.deviceName(h.releasedDeviceId ?? '')} />{' '}
                {time(h.releasedAt)}
              </li>
            )}
          </For>
        </ul>
      </div>
    </section>
  );
}
