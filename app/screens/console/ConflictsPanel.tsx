import { createSignal, For, Show } from 'solid-js';
import { describeMutation } from '../../../shared/domain/mutators';
import { BackingMark } from '../../components/BackingMark';
import { resultText, sentenceFor } from '../../components/outcome-text';
import { useConflicts } from '../../queries/console';
import { useConsole } from './console-context';

const time = (iso: string) => new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const OTHER_VERB: Record<string, string> = {
  placeHold: 'placed a hold',
  releaseHold: 'released the hold',
  startOperation: 'started the operation',
  pauseOperation: 'paused the operation',
  completeOperation: 'completed the operation',
};

/** (d) Open conflicts with both sides and what the server kept (C2, C4); resolving is a mutation. */
export function ConflictsPanel() {
  const c = useConsole();
  const conflicts = useConflicts(c.db);
  const [drafts, setDrafts] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const open = () => conflicts().filter((x) => x.status === 'open');

  const resolve = async (id: string) => {
    setBusy(id);
    const r = await c.mutate('resolveConflict', { conflictId: id, resolution: (drafts()[id] ?? '').trim() });
    setBusy(null);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, 'Conflict resolved.', c.nameOf) });
  };

  return (
    <section data-testid="conflicts-panel">
      <h2>Conflicts inbox ({open().length} open)</h2>
      <Show when={result()}>
        <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="conflict-result">
          {result()!.text}
        </p>
      </Show>
      <For
        each={open()}
        fallback={
          <p class="muted" data-testid="conflicts-none">
            No open conflicts.
          </p>
        }
      >
        {(x) => (
          <div class="card" data-testid="conflict-item" data-conflict-id={x.id} data-code={x.code}>
            <h3>{sentenceFor(x.code, x.message)}</h3>
            <div class="grid-2">
              <div>
                <div class="k muted" style={{ 'font-weight': 800 }}>
                  NOT APPLIED
                </div>
                <p data-testid="conflict-mine">
                  <strong>{c.nameOf(x.actorId)}</strong> <BackingMark backing={x.backing} deviceId={x.deviceId} deviceName={c.deviceName(x.deviceId)} />{' '}
                  {describeMutation(x.mutation, x.args)} at {time(x.at)}
                </p>
              </div>
              <div>
                <div class="k muted" style={{ 'font-weight': 800 }}>
                  THE SERVER KEPT
                </div>
                <p data-testid="conflict-other">
                  <Show when={x.other} fallback={<>the state as it was</>}>
                    <strong>{c.nameOf(x.other!.actorId)}</strong> on {c.deviceName(x.other!.deviceId)} {OTHER_VERB[x.other!.mutation] ?? x.other!.mutation} at{' '}
                    {time(x.other!.at)}
                  </Show>
                </p>
                <p class="muted" data-testid="conflict-kept">
                  {Object.entries(x.kept)
                    .filter(([k]) => !/Id$/.test(k))
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(' · ')}
                </p>
              </div>
            </div>
            <p class="muted">Stations: {x.stationIds.map(c.stationName).join(', ')}</p>
            <label for={`resolve-${x.id}`}>Resolution</label>
            <input
              id={`resolve-${x.id}`}
              data-testid="conflict-resolution"
              placeholder="What was decided, e.g. 'Kept the hold; told the operator'"
              value={drafts()[x.id] ?? ''}
              onInput={(e) => setDrafts({ ...drafts(), [x.id]: e.currentTarget.value })}
            />
            <div class="actions">
              <button
                type="button"
                class="btn btn-primary"
                data-testid="conflict-resolve"
                disabled={busy() !== null || !(drafts()[x.id] ?? '').trim()}
                onClick={() => void resolve(x.id)}
              >
                Resolve
              </button>
            </div>
          </div>
        )}
      </For>
      <h3>Resolved</h3>
      <ul data-testid="conflicts-resolved">
        <For
          each={conflicts()
            .filter((x) => x.status === 'resolved')
            .slice(0, 20)}
          fallback={<li class="muted">None.</li>}
        >
          {(x) => (
            <li>
              {c.nameOf(x.actorId)}: {describeMutation(x.mutation, x.args)} — {x.resolution} ({c.nameOf(x.resolvedBy ?? '')}
              <Show when={x.resolvedBacking}>
                {', '}
                <BackingMark backing={x.resolvedBacking} deviceId={null} deviceName="a tablet" />
              </Show>
              )
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
