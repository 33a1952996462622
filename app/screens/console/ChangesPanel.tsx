import { createSignal, For, Show } from 'solid-js';
import { newId } from '../../../shared/ids';
import { ScheduleChangeKind } from '../../../shared/schema';
import { BackingMark } from '../../components/BackingMark';
import { kindWord } from '../../components/ChangeBanner';
import { resultText } from '../../components/outcome-text';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { ackMatrix } from '../../queries/ack-matrix';
import { useAcknowledgements, useScheduleChanges, useWorkOrders } from '../../queries/console';
import { AckTable } from './AckTable';
import { useConsole } from './console-context';

const time = (iso: string) => formatDateTime(iso);

/** (b) Post a schedule change, and see who has and has not acknowledged each one. */
export function ChangesPanel() {
  const c = useConsole();
  const changes = useScheduleChanges(c.db);
  const acks = useAcknowledgements(c.db);
  const workOrders = useWorkOrders(c.db);
  const [kind, setKind] = createSignal<ScheduleChangeKind>('priority-shift');
  const [message, setMessage] = createSignal('');
  const [stationIds, setStationIds] = createSignal<string[]>([]);
  const [woIds, setWoIds] = createSignal<string[]>([]);
  const [requiresAck, setRequiresAck] = createSignal(true);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);

  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const post = async () => {
    setBusy(true);
    const r = await c.mutate('postScheduleChange', {
      id: newId(),
      kind: kind(),
      message: message().trim(),
      stationIds: stationIds(),
      workOrderIds: woIds(),
      requiresAck: requiresAck(),
    });
    setBusy(false);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, t('console.changes.posted'), c.nameOf) });
    if (r.outcome === 'applied') {
      setMessage('');
      setWoIds([]);
    }
  };

  return (
    <section data-testid="changes-panel">
      <form
        class="panel"
        data-testid="change-form"
        onSubmit={(e) => {
          e.preventDefault();
          void post();
        }}
      >
        <h2>{t('console.changes.title')}</h2>
        <label for="change-kind">{t('console.kind')}</label>
        <select id="change-kind" data-testid="change-kind" value={kind()} onChange={(e) => setKind(ScheduleChangeKind.parse(e.currentTarget.value))}>
          <For each={ScheduleChangeKind.options}>{(k) => <option value={k}>{kindWord(k)}</option>}</For>
        </select>
        <label for="change-message">{t('console.changes.message')}</label>
        <textarea
          id="change-message"
          data-testid="change-message-input"
          value={message()}
          onInput={(e) => setMessage(e.currentTarget.value)}
          maxLength={2000}
        />
        <fieldset class="field">
          <legend>{t('console.changes.targetStations')}</legend>
          <div class="chips" data-testid="change-stations">
            <For each={c.stations().filter((s) => !s.retired)} fallback={<span class="muted">{t('console.noStations')}</span>}>
              {(s) => (
                <button
                  type="button"
                  class="chip"
                  aria-pressed={stationIds().includes(s.id)}
                  data-testid="change-station"
                  data-station-id={s.id}
                  onClick={() => setStationIds(toggle(stationIds(), s.id))}
                >
                  {s.name}
                </button>
              )}
            </For>
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('console.changes.workOrders')}</legend>
          <div class="chips" data-testid="change-work-orders" style={{ 'max-height': '200px', overflow: 'auto' }}>
            <For each={workOrders().filter((w) => w.status !== 'completed' && w.status !== 'cancelled')}>
              {(w) => (
                <button
                  type="button"
                  class="chip"
                  aria-pressed={woIds().includes(w.id)}
                  data-testid="change-work-order"
                  data-wo-number={w.number}
                  onClick={() => setWoIds(toggle(woIds(), w.id))}
                >
                  {w.number}
                </button>
              )}
            </For>
          </div>
        </fieldset>
        <label class="checkbox">
          <input type="checkbox" data-testid="change-requires-ack" checked={requiresAck()} onChange={(e) => setRequiresAck(e.currentTarget.checked)} />
          {t('console.changes.requiresAck')}
        </label>
        <Show when={result()}>
          <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="change-result">
            {result()!.text}
          </p>
        </Show>
        <button type="submit" class="btn btn-primary" data-testid="change-submit" disabled={busy() || !message().trim() || stationIds().length === 0}>
          {t('console.changes.submit')}
        </button>
      </form>

      <h2>{t('console.changes.acks')}</h2>
      <For each={changes().filter((ch) => ch.requiresAck)} fallback={<p class="muted">{t('console.changes.noneWaiting')}</p>}>
        {(ch) => {
          const m = () => ackMatrix(ch, c.stations(), c.users(), acks());
          return (
            <div class="card" data-testid="ack-matrix" data-change-id={ch.id}>
              <div class="card-head">
                <span class="badge badge-flag">{kindWord(ch.kind)}</span>
                <strong>{ch.message}</strong>
                <span class="muted">
                  {c.nameOf(ch.postedBy)} · {time(ch.postedAt)}
                </span>
                <Show when={ch.postedBacking}>
                  <BackingMark backing={ch.postedBacking} deviceId={null} deviceName={t('console.aTablet')} />
                </Show>
                <Show when={ch.version === 0}>
                  <span class="badge badge-flag" data-testid="change-unsynced">
                    {t('console.notOnServer')}
                  </span>
                </Show>
                <span style={{ 'margin-left': 'auto', 'font-weight': 800 }} data-testid="ack-count">
                  {t('console.changes.ackCount', formatNumber(m().acknowledged), formatNumber(m().total))}
                </span>
              </div>
              <AckTable matrix={m()} />
            </div>
          );
        }}
      </For>
      <Show when={changes().some((ch) => !ch.requiresAck)}>
        <h3>{t('console.changes.other')}</h3>
        <ul>
          <For each={changes().filter((ch) => !ch.requiresAck)}>
            {(ch) => (
              <li data-testid="change-no-ack">
                {kindWord(ch.kind)}: {ch.message} <span class="muted">({time(ch.postedAt)})</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
