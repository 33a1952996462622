import { createMemo, createSignal, For, Show, untrack } from 'solid-js';
import { newId } from '../../../../shared/ids';
import { SpecialFlag, type WorkOrder } from '../../../../shared/schema';
import { resultText } from '../../../components/outcome-text';
import { formatDateTime, formatNumber, t } from '../../../i18n';
import { useAllDocuments, useWorkOrderTravelers } from '../../../queries/console-documents';
import { useConsole } from '../console-context';
import { ResultLine } from '../console-controls';
import { nextRevision } from './revisions';

/**
 * T1, T6: a new traveler revision for one work order: its released documents, flags and notes,
 * released in one step that supersedes the current revision and asks the routing's stations to
 * acknowledge.
 */
export function TravelerEditor(props: { workOrder: WorkOrder; onClose: () => void }) {
  const c = useConsole();
  const travelers = useWorkOrderTravelers(c.db, () => props.workOrder.id);
  const documents = useAllDocuments(c.db);
  const current = createMemo(() => travelers().find((x) => x.status === 'released') ?? null);
  const [picked, setPicked] = createSignal<string[] | null>(null);
  const [flags, setFlags] = createSignal<SpecialFlag[] | null>(null);
  const [notes, setNotes] = createSignal<string | null>(null);
  const [revision, setRevision] = createSignal<string | null>(null);
  const [filter, setFilter] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);

  const released = () => documents().filter((d) => d.status === 'released');
  // Until the coordinator changes them, the fields show the current revision's (its documents still released).
  const pickedIds = () => picked() ?? (current()?.documentIds ?? []).filter((id) => released().some((d) => d.id === id));
  const shownFlags = () => flags() ?? current()?.flags ?? [];
  const shownNotes = () => notes() ?? current()?.notes ?? '';
  const suggested = () => nextRevision(travelers().map((x) => x.revision));
  const shownRevision = () => revision() ?? suggested();
  const dropped = () => (current()?.documentIds ?? []).map((id) => documents().find((d) => d.id === id)).filter((d) => d && d.status !== 'released');
  const shown = () => {
    const f = filter().trim().toLowerCase();
    return f ? released().filter((d) => `${d.number} ${d.title}`.toLowerCase().includes(f)) : released();
  };
  const stations = () => props.workOrder.stationIds.map((id) => c.stationName(id)).join(', ');

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const release = async () => {
    setConfirming(false);
    setBusy(true);
    const rev = shownRevision().trim();
    const previous = untrack(current);
    const r = await c.mutate('releaseTraveler', {
      id: newId(),
      workOrderId: props.workOrder.id,
      revision: rev,
      documentIds: pickedIds(),
      flags: shownFlags(),
      notes: shownNotes().trim(),
    });
    setBusy(false);
    const n = formatNumber(props.workOrder.stationIds.length);
    const done = previous
      ? t('travelers.edit.releasedReplacing', props.workOrder.number, rev, previous.revision, n)
      : t('travelers.edit.released', props.workOrder.number, rev, n);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, done, c.nameOf) });
    if (r.outcome === 'applied') {
      setPicked(null);
      setFlags(null);
      setNotes(null);
      setRevision(null);
    }
  };

  return (
    <div class="traveler-editor" data-testid="traveler-editor" data-wo-number={props.workOrder.number}>
      <h3>{t('travelers.edit.title', props.workOrder.number)}</h3>
      <p data-testid="traveler-current">
        <Show when={current()} fallback={t('travelers.edit.noCurrent')}>
          {(cur) =>
            t('travelers.edit.current', cur().revision, formatDateTime(cur().releasedAt), c.nameOf(cur().releasedBy), formatNumber(cur().documentIds.length))
          }
        </Show>
      </p>
      <For each={dropped()}>
        {(d) => (
          <p class="msg msg-warn" data-testid="traveler-dropped">
            {t('travelers.edit.dropped', d!.number, d!.revision)}
          </p>
        )}
      </For>
      <fieldset class="field">
        <legend>{t('travelers.edit.documents')}</legend>
        <label for={`trv-doc-filter-${props.workOrder.id}`}>{t('travelers.edit.findDocument')}</label>
        <input
          id={`trv-doc-filter-${props.workOrder.id}`}
          data-testid="traveler-doc-filter"
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <p class="muted" data-testid="traveler-picked">
          {pickedIds().length === 0
            ? t('travelers.edit.pickedNone')
            : t(
                'travelers.edit.picked',
                pickedIds()
                  .map((id) => documents().find((d) => d.id === id))
                  .map((d) => (d ? `${d.number} ${t('print.revision', d.revision)}` : ''))
                  .join(', '),
              )}
        </p>
        <For each={shown()} fallback={<p class="muted">{t('travelers.edit.noDocuments')}</p>}>
          {(d) => (
            <label class="checkbox" data-testid="traveler-doc" data-number={d.number}>
              <input type="checkbox" checked={pickedIds().includes(d.id)} onChange={() => setPicked(toggle(pickedIds(), d.id))} />
              {d.number} · {t('print.revision', d.revision)} · {d.title}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="field">
        <legend>{t('print.special')}</legend>
        <For each={SpecialFlag.options}>
          {(f) => (
            <label class="checkbox" data-testid="traveler-flag" data-flag={f}>
              <input type="checkbox" checked={shownFlags().includes(f)} onChange={() => setFlags(toggle(shownFlags(), f))} />
              {t(`flag.${f}`)}
            </label>
          )}
        </For>
      </fieldset>
      <label for={`trv-notes-${props.workOrder.id}`}>{t('travelers.edit.notes')}</label>
      <textarea
        id={`trv-notes-${props.workOrder.id}`}
        data-testid="traveler-notes"
        maxLength={2000}
        rows={3}
        value={shownNotes()}
        onInput={(e) => setNotes(e.currentTarget.value)}
      />
      <label for={`trv-rev-${props.workOrder.id}`}>{t('travelers.edit.revision')}</label>
      <input
        id={`trv-rev-${props.workOrder.id}`}
        data-testid="traveler-revision"
        maxLength={16}
        value={shownRevision()}
        onInput={(e) => setRevision(e.currentTarget.value)}
      />
      <ResultLine result={result()} testid="traveler-release-result" />
      <Show when={confirming()}>
        <p class="msg msg-warn" data-testid="traveler-release-warning">
          {current()
            ? t('travelers.edit.confirmReplacing', shownRevision().trim(), current()!.revision, stations() || t('travelers.edit.noStations'))
            : t('travelers.edit.confirm', shownRevision().trim(), stations() || t('travelers.edit.noStations'))}
        </p>
      </Show>
      <div class="actions">
        <Show
          when={confirming()}
          fallback={
            <button
              type="button"
              class="btn btn-primary"
              data-testid="traveler-release"
              disabled={busy() || shownRevision().trim() === ''}
              onClick={() => {
                setResult(null);
                setConfirming(true);
              }}
            >
              {t('travelers.edit.release', shownRevision().trim())}
            </button>
          }
        >
          <button type="button" class="btn btn-primary" data-testid="traveler-release-confirm" onClick={() => void release()}>
            {t('travelers.edit.releaseConfirm', shownRevision().trim())}
          </button>
          <button type="button" class="btn" data-testid="traveler-release-cancel" onClick={() => setConfirming(false)}>
            {t('console.keep')}
          </button>
        </Show>
        <button type="button" class="btn" data-testid="traveler-editor-close" onClick={() => props.onClose()}>
          {t('action.close')}
        </button>
      </div>
    </div>
  );
}
