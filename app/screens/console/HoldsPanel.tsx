import { createSignal, For, Show } from 'solid-js';
import { newId } from '../../../shared/ids';
import { HoldKind } from '../../../shared/schema';
import { BackingMark } from '../../components/BackingMark';
import { resultText } from '../../components/outcome-text';
import { formatDateTime, t } from '../../i18n';
import { useHolds, useWorkOrders } from '../../queries/console';
import { useConsole } from './console-context';
import { ConfirmAction } from './console-controls';

const time = (iso: string | null) => (iso ? formatDateTime(iso) : '');
/** A kind of hold in words, and the badge a held work order carries. */
const kindWord = (k: string) => (k === 'quality' || k === 'material' || k === 'engineering' ? t(`console.holds.kind.${k}`) : k);
const kindBadge = (k: string) => (k === 'quality' || k === 'material' || k === 'engineering' ? t(`console.holds.badge.${k}`) : k);

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
  const [confirm, setConfirm] = createSignal<string | null>(null);
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
    setResult({ ok: r.outcome === 'applied', text: resultText(r, t('console.holds.placed', woNumber(woId())), c.nameOf) });
    if (r.outcome === 'applied') setReason('');
  };
  const release = async (holdId: string, wo: string) => {
    setConfirm(null);
    setBusy(holdId);
    const r = await c.mutate('releaseHold', { holdId });
    setBusy(null);
    setResult({ ok: r.outcome === 'applied', text: resultText(r, t('console.holds.released', woNumber(wo)), c.nameOf) });
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
        <h2>{t('console.holds.title')}</h2>
        <label for="hold-wo-filter">{t('console.holds.find')}</label>
        <input
          id="hold-wo-filter"
          data-testid="hold-wo-filter"
          placeholder={t('console.holds.findPlaceholder')}
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <label for="hold-wo">{t('console.holds.workOrder')}</label>
        <select id="hold-wo" data-testid="hold-wo" value={woId()} onChange={(e) => setWoId(e.currentTarget.value)}>
          <option value="">{t('console.holds.pick')}</option>
          <For each={shown()}>
            {(w) => (
              <option value={w.id}>
                {w.number} · {w.partNumber} · {w.description}
              </option>
            )}
          </For>
        </select>
        <fieldset class="field">
          <legend>{t('console.kind')}</legend>
          <div class="chips" data-testid="hold-kinds">
            <For each={HoldKind.options}>
              {(k) => (
                <button type="button" class="chip" aria-pressed={kind() === k} data-testid="hold-kind" data-kind={k} onClick={() => setKind(k)}>
                  {kindWord(k)}
                </button>
              )}
            </For>
          </div>
        </fieldset>
        <label for="hold-reason">{t('console.holds.reason')}</label>
        <input id="hold-reason" data-testid="hold-reason" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <Show when={result()}>
          <p class={`msg ${result()!.ok ? 'msg-ok' : 'msg-bad'}`} data-testid="hold-result">
            {result()!.text}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="btn btn-danger" data-testid="hold-submit" disabled={busy() !== null || !woId() || !reason().trim()}>
            {t('console.holds.submit')}
          </button>
        </div>
      </form>
      <div>
        <h2>{t('console.holds.open')}</h2>
        <For
          each={holds().filter((h) => h.status === 'open')}
          fallback={
            <p class="muted" data-testid="holds-none">
              {t('console.holds.none')}
            </p>
          }
        >
          {(h) => (
            <div class="card card-held" data-testid="hold-item" data-hold-id={h.id} data-wo-number={woNumber(h.workOrderId)}>
              <div class="card-head">
                <span class="wo-number">{woNumber(h.workOrderId)}</span>
                <span class="badge badge-hold">{kindBadge(h.kind)}</span>
                <Show when={h.version === 0}>
                  <span class="badge badge-flag" data-testid="hold-unsynced">
                    {t('console.notOnServer')}
                  </span>
                </Show>
              </div>
              <p style={{ 'font-weight': 700 }}>{h.reason}</p>
              <p class="muted">
                {t('console.holds.placedBy', c.nameOf(h.placedBy))}{' '}
                <BackingMark backing={h.placedBacking} deviceId={h.placedDeviceId} deviceName={c.deviceName(h.placedDeviceId)} /> · {time(h.placedAt)}
              </p>
              <div class="actions">
                <ConfirmAction
                  testid="hold-release"
                  large
                  label={t('console.holds.release')}
                  confirmLabel={t('console.holds.releaseConfirm')}
                  question={t('console.holds.releaseAsk', woNumber(h.workOrderId))}
                  confirming={confirm() === h.id}
                  disabled={busy() !== null}
                  onAsk={() => setConfirm(h.id)}
                  onCancel={() => setConfirm(null)}
                  onConfirm={() => void release(h.id, h.workOrderId)}
                />
              </div>
            </div>
          )}
        </For>
        <h3>{t('console.holds.recent')}</h3>
        <ul data-testid="holds-released">
          <For
            each={holds()
              .filter((h) => h.status === 'released')
              .slice(0, 10)}
            fallback={<li class="muted">{t('console.none')}</li>}
          >
            {(h) => (
              <li>
                {woNumber(h.workOrderId)} · {kindWord(h.kind)}: {h.reason} — {t('console.holds.releasedBy', c.nameOf(h.releasedBy ?? ''))}{' '}
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
