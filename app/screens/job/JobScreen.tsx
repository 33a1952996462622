import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { ChangeBanner } from '../../components/ChangeBanner';
import { OperationCard } from '../../components/OperationCard';
import { QuantityForm, type QuantityDraft } from '../../components/QuantityForm';
import { formatDate, formatDateTime, t } from '../../i18n';
import { createLive } from '../../queries/live';
import { useScrapReasons } from '../../queries/tablet';
import { loadDraft, saveDraft } from '../../session/drafts';
import { setBusy } from '../../session/update';
import { operationStatusWord, PAUSE_REASONS } from '../../i18n';
import { createOperationActions } from '../shell/operation-actions';
import { CardCorrections } from '../shell/CardCorrections';
import { createCorrectionActions } from '../shell/correction-actions';
import { useShifts, useStationReports } from '../../queries/corrections';
import { useTablet } from '../shell/tablet-context';
import { ScanButton } from '../../components/ScanButton';
import { DocumentList } from '../documents/DocumentList';
import { buildJobModel, readJobSnapshot, type JobModel } from './job-model';

const EMPTY_QTY: QuantityDraft = { good: '', scrap: '', scrapReason: '' };

/** One job (work order + this station's operation) full screen, from the replica, offline too. */
export function JobScreen() {
  const tab = useTablet();
  const params = useParams();
  const actions = createOperationActions(tab);
  const reasons = useScrapReasons(tab.db);
  const fix = createCorrectionActions(actions);
  const shifts = useShifts(tab.db);
  const stationId = () => params.stationId ?? '';
  const queueHref = () => `/station/${stationId()}`;
  const stationReports = useStationReports(tab.db, stationId);

  const job = createLive(
    () => {
      const d = tab.db();
      return d && params.operationId ? { d, op: params.operationId, u: tab.user()?.id, s: stationId() } : undefined;
    },
    async ({ d, op, u, s }) => ({ model: buildJobModel(await readJobSnapshot(d, op, u, s), Date.now()) }),
    undefined as { model: JobModel | undefined } | undefined,
  );
  const m = () => job()?.model;

  // Quantity drafts share the queue's per-station key, so a count begun on the card is here too (A2).
  const draftKey = () => `${stationId()}.qty`;
  const [drafts, setDrafts] = createSignal<Record<string, QuantityDraft>>({});
  const [reportOpen, setReportOpen] = createSignal(false);
  createEffect(() => setDrafts(loadDraft<Record<string, QuantityDraft>>(draftKey(), {})));
  const setDraft = (opId: string, d: QuantityDraft | undefined) => {
    const next = { ...drafts() };
    if (d) next[opId] = d;
    else delete next[opId];
    setDrafts(next);
    saveDraft(draftKey(), next);
  };
  createEffect(() => setBusy('job-draft', reportOpen()));
  onCleanup(() => setBusy('job-draft', false));

  const submitQty = async (model: JobModel) => {
    const opId = model.operation.id;
    const r = await actions.report(opId, model.workOrder?.number ?? '', drafts()[opId] ?? EMPTY_QTY);
    if (r?.outcome === 'applied') {
      setDraft(opId, undefined);
      setReportOpen(false);
    }
  };

  return (
    <main data-testid="job-screen" data-operation-id={params.operationId}>
      <div class="topline">
        <A class="btn btn-primary btn-back" href={queueHref()} data-testid="job-back">
          ‹ {t('job.back')}
        </A>
        <Show when={m()}>
          <h1 data-testid="job-title">{t('job.title', m()!.workOrder?.number ?? '—', m()!.operation.seq)}</h1>
        </Show>
        <ScanButton class="btn btn-primary btn-scan" label={t('queue.scan')} />
      </div>

      <Show when={job()} fallback={<p class="muted">{t('job.loading')}</p>}>
        <Show
          when={m()}
          fallback={
            <p class="msg msg-warn" data-testid="job-not-found">
              {t('job.notFound')}
            </p>
          }
        >
          {(model) => (
            <>
              <Show when={model().holds.length}>
                <section class="job-holds" role="alert" aria-labelledby="job-holds-h" data-testid="job-holds">
                  <h2 id="job-holds-h">⛔ {t('job.holds')}</h2>
                  <ul class="job-list">
                    <For each={model().holds}>
                      {(h) => (
                        <li data-testid="job-hold" data-hold-id={h.id} data-kind={h.kind}>
                          <strong>{t('job.holdLine', t(`job.holdKind.${h.kind}`), h.reason)}</strong>
                          <Show when={h.operationId}>
                            <span> · {t('job.holdOperation')}</span>
                          </Show>
                          <div class="muted">{t('job.holdPlaced', tab.nameOf(h.placedBy) ?? h.placedBy, formatDateTime(h.placedAt))}</div>
                        </li>
                      )}
                    </For>
                  </ul>
                  <p>{t('job.actionsBlocked')}</p>
                </section>
              </Show>

              <div class="layout-station">
                <div>
                  <OperationCard
                    item={model().item}
                    busy={actions.busyFor(model().operation.id)}
                    pauseReasons={PAUSE_REASONS}
                    holdPlacedBy={model().item.hold ? tab.nameOf(model().item.hold!.placedBy) : undefined}
                    onStart={() => void actions.start(model().item, model().traveler?.revision)}
                    onPause={(reason) => void actions.pause(model().item, reason)}
                    onComplete={() => void actions.complete(model().item, model().traveler?.revision)}
                    onReport={() => setReportOpen(!reportOpen())}
                  >
                    {/* The result of a tap beside the buttons tapped (part 7), not at the top of the page. */}
                    <Show when={actions.result()}>
                      <div
                        class={`msg ${actions.result()!.outcome === 'applied' ? 'msg-ok' : 'msg-bad'}`}
                        role={actions.result()!.outcome === 'applied' ? 'status' : 'alert'}
                        data-testid="action-result"
                        data-outcome={actions.result()!.outcome}
                        style={{ display: 'flex', 'align-items': 'center', gap: '12px' }}
                      >
                        <span style={{ flex: 1 }}>{actions.result()!.text}</span>
                        <button type="button" class="btn btn-small" data-testid="action-result-dismiss" onClick={() => actions.setResult(null)}>
                          {t('job.act.ok')}
                        </button>
                      </div>
                    </Show>
                    <Show when={reportOpen()}>
                      <QuantityForm
                        draft={drafts()[model().operation.id] ?? EMPTY_QTY}
                        reasons={reasons()}
                        busy={actions.pendingKey() === `qty:${model().operation.id}`}
                        onChange={(d) => setDraft(model().operation.id, d)}
                        onSubmit={() => void submitQty(model())}
                        onCancel={() => setReportOpen(false)}
                      />
                    </Show>
                    <CardCorrections
                      item={model().item}
                      reports={stationReports()}
                      shifts={shifts()}
                      scrapReasons={reasons()}
                      busy={actions.busyFor(model().operation.id)}
                      fix={fix}
                    />
                  </OperationCard>

                  <JobFacts model={model()} />

                  <section class="panel" aria-labelledby="job-routing-h" data-testid="job-routing">
                    <h2 id="job-routing-h">{t('job.routing')}</h2>
                    <ol class="job-routing">
                      <For each={model().routing}>
                        {(r) => (
                          <li
                            class={r.isThis ? 'routing-this' : ''}
                            data-testid="job-routing-step"
                            data-operation-id={r.operationId}
                            data-station-id={r.stationId}
                            data-status={r.status}
                            data-this={r.isThis ? 'true' : 'false'}
                            aria-current={r.isThis ? 'step' : undefined}
                          >
                            <span class="routing-seq">{t('job.routingStep', r.seq, r.name)}</span>
                            <span class="routing-station">{r.stationName}</span>
                            <span class={`badge badge-${r.status}`}>{operationStatusWord(r.status)}</span>
                            <Show when={r.isThis}>
                              <strong class="routing-here">◀ {t('job.routingThis')}</strong>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                    <Show when={model().routingMissing > 0}>
                      <p class="muted" data-testid="job-routing-missing">
                        {`+${model().routingMissing} — ${t('job.routingUnknown')}`}
                      </p>
                    </Show>
                  </section>
                </div>

                <aside>
                  <section class="panel" aria-labelledby="job-changes-h" data-testid="job-changes">
                    <h2 id="job-changes-h">{t('job.changes')}</h2>
                    <For each={model().changes} fallback={<p class="muted">{t('job.changesNone')}</p>}>
                      {(c) => (
                        <ChangeBanner
                          kind={c.kind}
                          message={c.message}
                          postedBy={tab.nameOf(c.postedBy) ?? c.postedBy}
                          postedAt={c.postedAt}
                          busy={actions.pendingKey() === `ack:${c.id}`}
                          onAcknowledge={() => void actions.act(`ack:${c.id}`, 'acknowledgeChange', { changeId: c.id }, t('station.acknowledged'))}
                        />
                      )}
                    </For>
                  </section>
                  <DocumentList workOrderId={model().operation.workOrderId} />
                  <section class="panel" aria-labelledby="job-notes-h" data-testid="job-notes">
                    <h2 id="job-notes-h">{t('job.notes')}</h2>
                    <For each={model().notes} fallback={<p class="muted">{t('job.notesNone')}</p>}>
                      {(n) => (
                        <p data-testid="job-note">
                          <span class="muted">{`${formatDateTime(n.at)} · ${tab.nameOf(n.userId) ?? ''}`}</span>
                          <br />
                          {n.text}
                        </p>
                      )}
                    </For>
                  </section>
                </aside>
              </div>

              <A class="btn btn-primary btn-block btn-back" href={queueHref()} data-testid="job-back-bottom">
                ‹ {t('job.back')}
              </A>
            </>
          )}
        </Show>
      </Show>
    </main>
  );
}

/**
 * What the card above does not say: the traveler revision and its special requirements (T6). The
 * card has the part, description, quantities, due date and priority.
 */
function JobFacts(props: { model: JobModel }) {
  return (
    <section class="panel" data-testid="job-facts">
      <dl class="kv">
        <div>
          <dt>{t('job.traveler')}</dt>
          <dd class="v" data-testid="job-traveler">
            {props.model.traveler
              ? t('job.travelerReleased', props.model.traveler.revision, formatDate(props.model.traveler.releasedAt))
              : t('job.travelerNone')}
          </dd>
        </div>
      </dl>
      <h3>{t('job.special')}</h3>
      <Show when={props.model.flags.length || props.model.flagNotes} fallback={<p class="muted">{t('job.specialNone')}</p>}>
        <ul class="job-list" data-testid="job-flags">
          <For each={props.model.flags}>
            {(f) => (
              <li data-testid="job-flag" data-flag={f}>
                <span class="badge badge-flag">{f}</span> {t(`job.flag.${f}`)}
              </li>
            )}
          </For>
        </ul>
        <Show when={props.model.flagNotes}>
          <p data-testid="job-flag-notes">
            <strong>{t('job.flagNotes')}:</strong> {props.model.flagNotes}
          </p>
        </Show>
      </Show>
    </section>
  );
}
