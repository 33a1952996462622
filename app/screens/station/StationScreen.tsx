import { createEffect, createSignal, For, Show, onCleanup } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { newId } from '../../../shared/ids';
import { ChangeBanner } from '../../components/ChangeBanner';
import { ChangeBanners } from '../../components/ChangeBanners';
import { QueueControls } from '../../components/QueueControls';
import { QueueMore } from '../../components/QueueMore';
import { ScanButton } from '../../components/ScanButton';
import { NO_FILTER, type QueueFilter } from '../../queries/queue-filter';
import { createOperationActions } from '../shell/operation-actions';
import { CardCorrections } from '../shell/CardCorrections';
import { createCorrectionActions } from '../shell/correction-actions';
import { useShifts, useStationReports } from '../../queries/corrections';
import { NotesPanel } from '../../components/NotesPanel';
import { OperationCard } from '../../components/OperationCard';
import { QuantityForm, type QuantityDraft } from '../../components/QuantityForm';
import { formatNumber, PAUSE_REASONS, roleWord, t as tr } from '../../i18n';
import { cardOf, resultFor } from '../../components/card-result-text';
import { remainingQuantity } from '../../../shared/domain/quantity';
import { useNotes, usePendingChanges, useQueue, useScrapReasons, useStations } from '../../queries/tablet';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../session/drafts';
import { setBusy } from '../../session/update';
import { signOut } from '../../session/user';
import { useTablet } from '../shell/tablet-context';
import { now } from '../../session/clock';
import { createQueueView, QUEUE_PAGE } from './queue-view';

const EMPTY_QTY: QuantityDraft = { good: '', scrap: '', scrapReason: '' };
const LAST_STATION = 'floorboard.lastStation';

/** The station's queue, its schedule changes and notes; every action is a mutation (DESIGN §4). */
export function StationScreen() {
  const t = useTablet();
  const params = useParams();
  const navigate = useNavigate();
  const stations = useStations(t.db);
  const deviceStations = () => t.device()?.stationIds ?? [];
  const stationId = () => {
    const wanted = params.stationId;
    const ids = deviceStations();
    if (wanted && ids.includes(wanted)) return wanted;
    if (ids.length === 1) return ids[0];
    const last = localStorage.getItem(LAST_STATION);
    return !wanted && last && ids.includes(last) ? last : undefined;
  };
  createEffect(() => {
    const s = stationId();
    if (s) localStorage.setItem(LAST_STATION, s);
  });
  const mayWorkAt = (id: string) => {
    const u = t.user();
    return u?.role !== 'operator' || u.stationIds.includes(id);
  };
  const stationName = (id: string | undefined) => (id ? (stations().find((s) => s.id === id)?.name ?? id) : '');

  const live = useQueue(t.db, stationId);
  const queue = live.list;
  const reasons = useScrapReasons(t.db);
  const changes = usePendingChanges(
    t.db,
    () => t.user()?.id,
    () => (stationId() ? [stationId()!] : []),
  );
  const notes = useNotes(t.db, stationId);

  const ops = createOperationActions(t);
  const { act, pendingKey, result, setResult } = ops;
  const fix = createCorrectionActions(ops);
  const reports = useStationReports(t.db, stationId);
  const shifts = useShifts(t.db);
  const [filter, setFilter] = createSignal<QueueFilter>(NO_FILTER);
  const view = createQueueView(live, filter, now);
  const [openReport, setOpenReport] = createSignal<string | null>(null);
  const [qtyDrafts, setQtyDrafts] = createSignal<Record<string, QuantityDraft>>({});
  const [noteDraft, setNoteDraft] = createSignal('');

  // Drafts are per person and station: the next person starts blank, a return or a reload keeps them (A2).
  const keyOf = (form: 'note' | 'qty') => {
    const s = stationId();
    const u = t.user()?.id;
    return s && u ? draftKey(u, s, form) : undefined;
  };
  createEffect(() => {
    const note = keyOf('note');
    const qty = keyOf('qty');
    setNoteDraft(note ? loadDraft(note, { text: '' }).text : '');
    setQtyDrafts(qty ? loadDraft<Record<string, QuantityDraft>>(qty, {}) : {});
  });
  const hasDraft = () => Boolean(noteDraft().trim()) || Object.values(qtyDrafts()).some((d) => d.good || d.scrap);
  createEffect(() => setBusy('station-draft', hasDraft() || openReport() !== null));
  onCleanup(() => setBusy('station-draft', false));

  const setQty = (opId: string, d: QuantityDraft) => {
    const next = { ...qtyDrafts(), [opId]: d };
    setQtyDrafts(next);
    if (keyOf('qty')) saveDraft(keyOf('qty')!, next);
  };
  const submitQty = async (opId: string, woNumber: string) => {
    const r = await ops.report(opId, woNumber, qtyDrafts()[opId] ?? EMPTY_QTY);
    if (r?.outcome === 'applied') {
      const next = { ...qtyDrafts() };
      delete next[opId];
      setQtyDrafts(next);
      if (keyOf('qty')) saveDraft(keyOf('qty')!, next);
      setOpenReport(null);
    }
  };
  const submitNote = async () => {
    const s = stationId();
    if (!s) return;
    const r = await act('note', 'addNote', { id: newId(), stationId: s, text: noteDraft().trim() }, tr('station.noteAdded'));
    if (r?.outcome === 'applied') {
      setNoteDraft('');
      if (keyOf('note')) clearDraft(keyOf('note')!);
    }
  };

  const switchUser = async () => {
    const db = t.db();
    if (db) await signOut(db);
    navigate('/signin');
  };

  return (
    <main data-testid="station-screen" data-station-id={stationId() ?? ''}>
      <div class="topline">
        <h1 data-testid="station-name">{stationId() ? stationName(stationId()) : tr('station.pick')}</h1>
        <span data-testid="station-user" style={{ 'font-weight': 700 }}>
          {t.user()?.name} <span class="muted">({t.user() ? roleWord(t.user()!.role) : ''})</span>
        </span>
        <Show when={deviceStations().length > 1 && stationId()}>
          <A class="btn btn-small" href="/station/" data-testid="station-switch" onClick={() => localStorage.removeItem(LAST_STATION)}>
            {tr('station.other')}
          </A>
        </Show>
        <button type="button" class="btn btn-small" data-testid="switch-user" onClick={() => void switchUser()}>
          {tr('station.switchUser')}
        </button>
      </div>

      <Show when={!stationId()}>
        <section data-testid="station-picker">
          <p>{tr('station.severalPick')}</p>
          <div class="chips">
            <For each={deviceStations()}>
              {(id) => (
                <A class="btn" href={`/station/${id}`} data-testid="station-pick" data-station-id={id} style={mayWorkAt(id) ? {} : { opacity: 0.55 }}>
                  {stationName(id)}
                  {mayWorkAt(id) ? '' : tr('station.notYours')}
                </A>
              )}
            </For>
          </div>
        </section>
      </Show>

      <Show when={stationId()}>
        <ChangeBanners count={changes().length}>
          <For each={changes()}>
            {(c) => (
              <ChangeBanner
                kind={c.kind}
                message={c.message}
                postedBy={t.nameOf(c.postedBy) ?? tr('outcome.theCoordinator')}
                postedAt={c.postedAt}
                busy={pendingKey() === `ack:${c.id}`}
                onAcknowledge={() => void act(`ack:${c.id}`, 'acknowledgeChange', { changeId: c.id }, tr('station.acknowledged'))}
              />
            )}
          </For>
        </ChangeBanners>

        <Show when={result() && !cardOf(result()!.key)}>
          <div
            class={`msg ${result()!.outcome === 'applied' ? 'msg-ok' : 'msg-bad'}`}
            role={result()!.outcome === 'applied' ? 'status' : 'alert'}
            data-testid="action-result"
            data-outcome={result()!.outcome}
            style={{ display: 'flex', 'align-items': 'center', gap: '12px' }}
          >
            <span style={{ flex: 1 }}>{result()!.text}</span>
            <button type="button" class="btn btn-small" data-testid="action-result-dismiss" onClick={() => setResult(null)}>
              {tr('station.ok')}
            </button>
          </div>
        </Show>

        <div class="layout-station">
          <section aria-label={tr('station.queue')} data-testid="queue">
            <h2>{tr('station.queueOpen', formatNumber(view.prepared().open))}</h2>
            <QueueControls filter={filter()} shown={view.matching().length} total={queue().length} onChange={setFilter}>
              <ScanButton class="btn btn-primary btn-scan" label={tr('queue.scan')} />
            </QueueControls>
            <For
              each={view.listed()}
              fallback={
                <p class="muted" data-testid="queue-empty">
                  {queue().length ? tr('queue.noMatch') : tr('station.queueEmpty')}
                </p>
              }
            >
              {(item) => (
                <OperationCard
                  item={item}
                  busy={ops.busyFor(item.operation.id)}
                  pauseReasons={PAUSE_REASONS}
                  holdPlacedBy={item.hold ? t.nameOf(item.hold.placedBy) : undefined}
                  openHref={`/station/${stationId()}/job/${item.operation.id}`}
                  onStart={() => void ops.start(item)}
                  onPause={(reason) => void ops.pause(item, reason)}
                  onComplete={() => void ops.complete(item)}
                  result={resultFor(result(), item.operation.id)}
                  onDismissResult={() => setResult(null)}
                  onReport={() => setOpenReport(openReport() === item.operation.id ? null : item.operation.id)}
                >
                  <Show when={openReport() === item.operation.id}>
                    <QuantityForm
                      draft={qtyDrafts()[item.operation.id] ?? EMPTY_QTY}
                      reasons={reasons()}
                      remaining={item.workOrder ? remainingQuantity(item.workOrder.quantity, item.operation.good, item.operation.scrap) : undefined}
                      busy={pendingKey() === `qty:${item.operation.id}`}
                      onChange={(d) => setQty(item.operation.id, d)}
                      onSubmit={() => void submitQty(item.operation.id, item.workOrder?.number ?? '')}
                      onCancel={() => setOpenReport(null)}
                    />
                  </Show>
                  <CardCorrections item={item} reports={reports()} shifts={shifts()} scrapReasons={reasons()} busy={ops.busyFor(item.operation.id)} fix={fix} />
                </OperationCard>
              )}
            </For>
            <QueueMore listed={view.listed().length} matching={view.matching().length} page={QUEUE_PAGE} onMore={view.showMore} />
          </section>
          <aside>
            <NotesPanel
              notes={notes().map((n) => ({ id: n.id, text: n.text, at: n.at, author: t.nameOf(n.userId) ?? tr('station.someone') }))}
              draft={noteDraft()}
              busy={pendingKey() === 'note'}
              onDraft={(text) => {
                setNoteDraft(text);
                if (keyOf('note')) saveDraft(keyOf('note')!, { text });
              }}
              onSubmit={() => void submitNote()}
            />
          </aside>
        </div>
      </Show>
    </main>
  );
}
