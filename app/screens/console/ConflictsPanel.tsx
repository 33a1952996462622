import { createSignal, For, Show } from 'solid-js';
import { BackingMark } from '../../components/BackingMark';
import { resultText } from '../../components/outcome-text';
import { formatNumber, t } from '../../i18n';
import type { Conflict } from '../../../shared/schema';
import { useConflicts, useJobOf, useReasonLabel } from '../../queries/console';
import { actText } from './act-words';
import { ConflictCard, type ConflictChoice } from './ConflictCard';
import { jobWords } from './conflict-words';
import { useConsole } from './console-context';

/** (d) Open conflicts, each naming its job with both sides in words (C2, C4); resolving is a mutation, chosen on the card. */
export function ConflictsPanel() {
  const c = useConsole();
  const conflicts = useConflicts(c.db);
  const reasonLabel = useReasonLabel(c.db);
  const jobOf = useJobOf(c.db);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const open = () => conflicts().filter((x) => x.status === 'open');

  const jobName = (x: Conflict) => jobWords(jobOf()(x.args), c.stationName);

  const resolve = async (x: Conflict, choice: ConflictChoice, note: string) => {
    setBusy(x.id);
    const job = jobName(x);
    const r = await c.mutate('resolveConflict', { conflictId: x.id, choice, ...(note && { resolution: note }) });
    setBusy(null);
    const done = choice === 'mine' ? t('console.conflicts.appliedMineDone', job) : t('console.conflicts.keptServerDone', job);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, done, c.nameOf) });
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
          <ConflictCard
            conflict={x}
            job={jobName(x)}
            nameOf={c.nameOf}
            deviceName={c.deviceName}
            busy={busy() !== null}
            onResolve={(choice, note) => void resolve(x, choice, note)}
          />
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
              {jobName(x)} · {c.nameOf(x.actorId)}: {actText(x.mutation, x.args, { reasonLabel: reasonLabel() })} —{' '}
              {x.resolution ?? t('console.conflicts.noNote')} ({c.nameOf(x.resolvedBy ?? '')}
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
