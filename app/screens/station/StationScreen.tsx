import { createEffect, createSignal, For, Show, onCleanup } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { newId } from '../../../shared/ids';
import type { MutationInput, MutationName } from '../../../shared/domain/mutators';
import type { MutationResultValue } from '../../../shared/domain/tx';
import { ChangeBanner } from '../../components/ChangeBanner';
import { NotesPanel } from '../../components/NotesPanel';
import { OperationCard } from '../../components/OperationCard';
import { QuantityForm, type QuantityDraft } from '../../components/QuantityForm';
import { resultText } from '../../components/outcome-text';
import { cardOf, cardResultText, resultFor } from '../../components/card-result-text';
import { remainingQuantity } from '../../../shared/domain/quantity';
import { useNotes, usePendingChanges, useQueue, useScrapReasons, useStations } from '../../queries/tablet';
import { clearDraft, loadDraft, saveDraft } from '../../session/drafts';
import { setBusy } from '../../session/update';
import { signOut } from '../../session/user';
import { useTablet } from '../shell/tablet-context';

const PAUSE_REASONS = ['Break', 'Waiting for material', 'Machine problem', 'Changeover', 'Quality check', 'End of shift'];
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

  const queue = useQueue(t.db, stationId);
  const reasons = useScrapReasons(t.db);
  const changes = usePendingChanges(
    t.db,
    () => t.user()?.id,
    () => (stationId() ? [stationId()!] : []),
  );
  const notes = useNotes(t.db, stationId);

  const [pendingKey, setPendingKey] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ key: string; text: string; outcome: string } | null>(null);
  const [openReport, setOpenReport] = createSignal<string | null>(null);
  const [qtyDrafts, setQtyDrafts] = createSignal<Record<string, QuantityDraft>>({});
  const [noteDraft, setNoteDraft] = createSignal('');

  // Drafts are per station, so a user switch or a reload keeps the numbers (A2).
  createEffect(() => {
    const s = stationId();
    if (!s) return;
    setNoteDraft(loadDraft(`${s}.note`, { text: '' }).text);
    setQtyDrafts(loadDraft<Record<string, QuantityDraft>>(`${s}.qty`, {}));
  });
  const hasDraft = () => Boolean(noteDraft().trim()) || Object.values(qtyDrafts()).some((d) => d.good || d.scrap);
  createEffect(() => setBusy('station-draft', hasDraft() || openReport() !== null));
  onCleanup(() => setBusy('station-draft', false));

  const act = async <N extends MutationName>(key: string, name: N, args: MutationInput<N>, done: string): Promise<MutationResultValue | undefined> => {
    const rt = t.runtime();
    const u = t.user();
    if (!rt || !u) return undefined;
    setPendingKey(key);
    setBusy('mutation', true);
    try {
      const r = await rt.client.mutate(name, args, u.id);
      setResult({ key, text: (cardOf(key) ? cardResultText : resultText)(r, done, t.nameOf), outcome: r.outcome });
      return r;
    } catch (e) {
      setResult({ key, text: `Not done: something went wrong on this tablet (${String(e)}).`, outcome: 'error' });
      return undefined;
    } finally {
      setPendingKey(null);
      setBusy('mutation', false);
    }
  };

  const setQty = (opId: string, d: QuantityDraft) => {
    const next = { ...qtyDrafts(), [opId]: d };
    setQtyDrafts(next);
    if (stationId()) saveDraft(`${stationId()}.qty`, next);
  };
  const submitQty = async (opId: string, woNumber: string) => {
    const d = qtyDrafts()[opId] ?? EMPTY_QTY;
    const good = Number.parseInt(d.good || '0', 10);
    const scrap = Number.parseInt(d.scrap || '0', 10);
    const args = { id: newId(), operationId: opId, good, scrap, ...(scrap > 0 ? { scrapReason: d.scrapReason } : {}) };
    const r = await act(`qty:${opId}`, 'reportQuantity', args, `Saved ${good} good and ${scrap} scrap for ${woNumber}.`);
    if (r?.outcome === 'applied') {
      const next = { ...qtyDrafts() };
      delete next[opId];
      setQtyDrafts(next);
      if (stationId()) saveDraft(`${stationId()}.qty`, next);
      setOpenReport(null);
    }
  };
  const submitNote = async () => {
    const s = stationId();
    if (!s) return;
    const r = await act('note', 'addNote', { id: newId(), stationId: s, text: noteDraft().trim() }, 'Note added.');
    if (r?.outcome === 'applied') {
      setNoteDraft('');
      clearDraft(`${s}.note`);
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
        <h1 data-testid="station-name">{stationId() ? stationName(stationId()) : 'Pick a station'}</h1>
        <span data-testid="station-user" style={{ 'font-weight': 700 }}>
          {t.user()?.name} <span class="muted">({t.user()?.role})</span>
        </span>
        <Show when={deviceStations().length > 1 && stationId()}>
          <A class="btn btn-small" href="/station/" data-testid="station-switch" onClick={() => localStorage.removeItem(LAST_STATION)}>
            Other station
          </A>
        </Show>
        <button type="button" class="btn btn-small" data-testid="switch-user" onClick={() => void switchUser()}>
          Switch user
        </button>
      </div>

      <Show when={!stationId()}>
        <section data-testid="station-picker">
          <p>This tablet serves several stations. Pick one:</p>
          <div class="chips">
            <For each={deviceStations()}>
              {(id) => (
                <A class="btn" href={`/station/${id}`} data-testid="station-pick" data-station-id={id} style={mayWorkAt(id) ? {} : { opacity: 0.55 }}>
                  {stationName(id)}
                  {mayWorkAt(id) ? '' : ' (not your station)'}
                </A>
              )}
            </For>
          </div>
        </section>
      </Show>

      <Show when={stationId()}>
        <For each={changes()}>
          {(c) => (
            <ChangeBanner
              kind={c.kind}
              message={c.message}
              postedBy={t.nameOf(c.postedBy) ?? 'the coordinator'}
              postedAt={c.postedAt}
              busy={pendingKey() === `ack:${c.id}`}
              onAcknowledge={() => void act(`ack:${c.id}`, 'acknowledgeChange', { changeId: c.id }, 'Change acknowledged.')}
            />
          )}
        </For>

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
              OK
            </button>
          </div>
        </Show>

        <div class="layout-station">
          <section aria-label="Queue" data-testid="queue">
            <h2>Queue ({queue().filter((i) => i.operation.status !== 'completed').length} open)</h2>
            <For
              each={queue()}
              fallback={
                <p class="muted" data-testid="queue-empty">
                  No open work for this station.
                </p>
              }
            >
              {(item) => (
                <OperationCard
                  item={item}
                  busy={pendingKey() !== null && pendingKey()!.endsWith(item.operation.id)}
                  pauseReasons={PAUSE_REASONS}
                  holdPlacedBy={item.hold ? t.nameOf(item.hold.placedBy) : undefined}
                  result={resultFor(result(), item.operation.id)}
                  onDismissResult={() => setResult(null)}
                  onStart={() =>
                    void act(
                      `op:${item.operation.id}`,
                      'startOperation',
                      { operationId: item.operation.id },
                      `Started ${item.workOrder?.number ?? ''} op ${item.operation.seq}.`,
                    )
                  }
                  onPause={(reason) =>
                    void act(
                      `op:${item.operation.id}`,
                      'pauseOperation',
                      { operationId: item.operation.id, ...(reason ? { reason } : {}) },
                      `Paused ${item.workOrder?.number ?? ''} op ${item.operation.seq}.`,
                    )
                  }
                  onComplete={() =>
                    void act(
                      `op:${item.operation.id}`,
                      'completeOperation',
                      { operationId: item.operation.id },
                      `Completed ${item.workOrder?.number ?? ''} op ${item.operation.seq}.`,
                    )
                  }
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
                </OperationCard>
              )}
            </For>
          </section>
          <aside>
            <NotesPanel
              notes={notes().map((n) => ({ id: n.id, text: n.text, at: n.at, author: t.nameOf(n.userId) ?? 'someone' }))}
              draft={noteDraft()}
              busy={pendingKey() === 'note'}
              onDraft={(text) => {
                setNoteDraft(text);
                if (stationId()) saveDraft(`${stationId()}.note`, { text });
              }}
              onSubmit={() => void submitNote()}
            />
          </aside>
        </div>
      </Show>
    </main>
  );
}
