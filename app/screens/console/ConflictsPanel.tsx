import { createSignal, For, Show } from 'solid-js';
import { describeMutation } from '../../../shared/domain/mutators';
import { BackingMark } from '../../components/BackingMark';
import { resultText, sentenceFor } from '../../components/outcome-text';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { useConflicts } from '../../queries/console';
import { useConsole } from './console-context';

const time = (iso: string) => formatDateTime(iso);
const OTHER_VERB: Record<string, `console.conflicts.verb.${'placeHold' | 'releaseHold' | 'startOperation' | 'pauseOperation' | 'completeOperation'}`> = {
  placeHold: 'console.conflicts.verb.placeHold',
  releaseHold: 'console.conflicts.verb.releaseHold',
  startOperation: 'console.conflicts.verb.startOperation',
  pauseOperation: 'console.conflicts.verb.pauseOperation',
  completeOperation: 'console.conflicts.verb.completeOperation',
};
const otherVerb = (mutation: string) => {
  const key = OTHER_VERB[mutation];
  return key ? t(key) : mutation;
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
    setResult({ ok: r.outcome === 'applied', text: resultText(r, t('console.conflicts.resolvedDone'), c.nameOf) });
  };

  return (
    <section data-testid="conflicts-panel">
      <h2>{t('console.conflicts.title', formatNumber(open().length))}</h2>
      <Show when={result()}>
        <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="conflict-result">
          {result()!.text}
        </p>
      </Show>
      <For
        each={open()}
        fallback={
          <p class="muted" data-testid="conflicts-none">
            {t('console.conflicts.none')}
          </p>
        }
      >
        {(x) => (
          <div class="card" data-testid="conflict-item" data-conflict-id={x.id} data-code={x.code}>
            <h3>{sentenceFor(x.code, x.message)}</h3>
            <div class="grid-2">
              <div>
                <div class="k muted" style={{ 'font-weight': 800 }}>
                  {t('console.conflicts.notApplied')}
                </div>
                <p data-testid="conflict-mine">
                  <strong>{c.nameOf(x.actorId)}</strong> <BackingMark backing={x.backing} deviceId={x.deviceId} deviceName={c.deviceName(x.deviceId)} />{' '}
                  {describeMutation(x.mutation, x.args)} {t('console.atTime', time(x.at))}
                </p>
              </div>
              <div>
                <div class="k muted" style={{ 'font-weight': 800 }}>
                  {t('console.conflicts.serverKept')}
                </div>
                <p data-testid="conflict-other">
                  <Show when={x.other} fallback={t('console.conflicts.stateAsItWas')}>
                    <strong>{c.nameOf(x.other!.actorId)}</strong>{' '}
                    {t('console.conflicts.otherDid', c.deviceName(x.other!.deviceId), otherVerb(x.other!.mutation), time(x.other!.at))}
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
            <p class="muted">{t('console.conflicts.stations', x.stationIds.map(c.stationName).join(', '))}</p>
            <label for={`resolve-${x.id}`}>{t('console.conflicts.resolution')}</label>
            <input
              id={`resolve-${x.id}`}
              data-testid="conflict-resolution"
              placeholder={t('console.conflicts.resolutionPlaceholder')}
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
                {t('console.conflicts.resolve')}
              </button>
            </div>
          </div>
        )}
      </For>
      <h3>{t('console.conflicts.resolved')}</h3>
      <ul data-testid="conflicts-resolved">
        <For
          each={conflicts()
            .filter((x) => x.status === 'resolved')
            .slice(0, 20)}
          fallback={<li class="muted">{t('console.none')}</li>}
        >
          {(x) => (
            <li>
              {c.nameOf(x.actorId)}: {describeMutation(x.mutation, x.args)} — {x.resolution} ({c.nameOf(x.resolvedBy ?? '')}
              <Show when={x.resolvedBacking}>
                {', '}
                <BackingMark backing={x.resolvedBacking} deviceId={null} deviceName={t('console.aTablet')} />
              </Show>
              )
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
