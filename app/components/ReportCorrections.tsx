import { createSignal, For, Show } from 'solid-js';
import { parseQuantity } from '../../shared/domain/quantity';
import { formatTime, t } from '../i18n';
import { quantityError } from './QuantityForm';
import type { ReportRow } from './report-rows';

/** What a correction sends: the report's right numbers, not deltas, and why. */
export interface CorrectionDraft {
  reportId: string;
  good: number;
  scrap: number;
  scrapReason?: string;
  reason: string;
}

export interface ReportCorrectionsProps {
  /** `correctableRows` for this person and operation. */
  rows: ReportRow[];
  /** A lead sees everyone's reports, each named. */
  lead: boolean;
  nameOf: (userId: string) => string | undefined;
  scrapReasons: { code: string; label: string }[];
  busy: boolean;
  /** Sends the correction; resolves true when it was applied, and the form closes. */
  onCorrect: (d: CorrectionDraft) => Promise<boolean>;
}

const REASONS = ['corr.fix.reasonMiscount', 'corr.fix.reasonWrongJob', 'corr.fix.reasonTypo', 'corr.fix.reasonOther'] as const;
type ReasonKey = (typeof REASONS)[number];

/** The Reports panel of a card: the reports this person may correct, each with Correct (C1: an audited append). */
export function ReportCorrections(props: ReportCorrectionsProps) {
  const [open, setOpen] = createSignal(false);
  const [editing, setEditing] = createSignal<string | null>(null);
  return (
    <Show when={props.rows.length > 0}>
      <div class="actions" style={{ 'margin-top': '8px' }}>
        <button type="button" class="btn" data-testid="fix-open" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {t('corr.fix.open', props.rows.length)}
        </button>
      </div>
      <Show when={open()}>
        <div class="panel" style={{ 'margin-top': '8px' }} data-testid="fix-panel">
          <h3>{t(props.lead ? 'corr.fix.titleLead' : 'corr.fix.title')}</h3>
          <For each={props.rows}>
            {(row) => (
              <div data-testid="fix-row" data-report-id={row.report.id} style={{ 'margin-bottom': '8px' }}>
                <div style={{ display: 'flex', 'align-items': 'center', gap: '12px', 'flex-wrap': 'wrap' }}>
                  <span style={{ flex: 1 }} data-testid="fix-line">
                    {t('corr.fix.line', row.good, row.scrap, props.lead ? (props.nameOf(row.report.userId) ?? '—') : '', formatTime(row.report.at))}
                  </span>
                  <Show when={row.corrected}>
                    <span class="badge" data-testid="fix-corrected">
                      {t('corr.fix.corrected')}
                    </span>
                  </Show>
                  <button
                    type="button"
                    class="btn btn-small"
                    data-testid="fix-correct"
                    aria-expanded={editing() === row.report.id}
                    onClick={() => setEditing(editing() === row.report.id ? null : row.report.id)}
                  >
                    {t('corr.fix.correct')}
                  </button>
                </div>
                <Show when={editing() === row.report.id}>
                  <CorrectionForm
                    row={row}
                    busy={props.busy}
                    scrapReasons={props.scrapReasons}
                    onCancel={() => setEditing(null)}
                    onCorrect={async (d) => {
                      if (await props.onCorrect(d)) setEditing(null);
                    }}
                  />
                </Show>
              </div>
            )}
          </For>
        </div>
      </Show>
    </Show>
  );
}

/** New good and scrap with QuantityForm's checks, a required reason (chips or words), and one confirm. */
export function CorrectionForm(props: {
  row: ReportRow;
  busy: boolean;
  scrapReasons: { code: string; label: string }[];
  onCancel: () => void;
  onCorrect: (d: CorrectionDraft) => void;
}) {
  const [good, setGood] = createSignal(String(props.row.good));
  const [scrap, setScrap] = createSignal(String(props.row.scrap));
  const [scrapReason, setScrapReason] = createSignal('');
  const [chip, setChip] = createSignal<ReasonKey | null>(null);
  const [text, setText] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);
  const [tried, setTried] = createSignal(false);
  const value = (s: string) => {
    const p = parseQuantity(s);
    return p.ok ? p.value : 0;
  };
  const reason = () => [chip() && chip() !== 'corr.fix.reasonOther' ? t(chip()!) : '', text().trim()].filter(Boolean).join(': ');
  const needsScrapReason = () => value(scrap()) > 0 && !props.row.report.scrapReason;
  const problem = () => {
    if (quantityError(good()) || quantityError(scrap())) return 'field';
    if (value(good()) === props.row.good && value(scrap()) === props.row.scrap) return t('corr.fix.unchanged');
    if (needsScrapReason() && !scrapReason()) return t('corr.qty.pickReason');
    if (!reason()) return t('corr.fix.needReason');
    return null;
  };
  const edit = (f: () => void) => {
    setConfirming(false);
    f();
  };
  const submit = () => {
    setTried(true);
    if (problem()) return;
    if (!confirming()) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    props.onCorrect({
      reportId: props.row.report.id,
      good: value(good()),
      scrap: value(scrap()),
      ...(needsScrapReason() ? { scrapReason: scrapReason() } : {}),
      reason: reason(),
    });
  };
  const field = (name: 'good' | 'scrap', v: () => string, set: (s: string) => void) => (
    <div>
      <label for={`fix-${name}-${props.row.report.id}`}>{t(name === 'good' ? 'corr.fix.newGood' : 'corr.fix.newScrap')}</label>
      <input
        id={`fix-${name}-${props.row.report.id}`}
        data-testid={`fix-${name}`}
        inputmode="numeric"
        value={v()}
        aria-invalid={quantityError(v()) ? 'true' : 'false'}
        onInput={(e) => edit(() => set(e.currentTarget.value))}
      />
      <p class="msg msg-bad" data-testid={`fix-${name}-error`} role="alert" hidden={!quantityError(v())}>
        {quantityError(v()) ?? ''}
      </p>
    </div>
  );
  return (
    <form
      data-testid="fix-form"
      noValidate
      style={{ 'margin-top': '8px' }}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div class="field-row">
        {field('good', good, setGood)}
        {field('scrap', scrap, setScrap)}
      </div>
      <Show when={needsScrapReason()}>
        <h4>{t('corr.fix.scrapReason')}</h4>
        <div class="chips">
          <For each={props.scrapReasons} fallback={<p class="muted">{t('corr.qty.noReasons')}</p>}>
            {(r) => (
              <button
                type="button"
                class="chip"
                data-testid="fix-scrap-reason"
                aria-pressed={scrapReason() === r.code}
                onClick={() => edit(() => setScrapReason(r.code))}
              >
                {r.label}
              </button>
            )}
          </For>
        </div>
      </Show>
      <h4>{t('corr.fix.reason')}</h4>
      <div class="chips">
        <For each={REASONS}>
          {(k) => (
            <button
              type="button"
              class="chip"
              data-testid="fix-reason"
              data-reason={k}
              aria-pressed={chip() === k}
              onClick={() => edit(() => setChip(chip() === k ? null : k))}
            >
              {t(k)}
            </button>
          )}
        </For>
      </div>
      <label for={`fix-text-${props.row.report.id}`}>{t('corr.fix.reasonText')}</label>
      <input
        id={`fix-text-${props.row.report.id}`}
        data-testid="fix-reason-text"
        maxlength={400}
        value={text()}
        onInput={(e) => edit(() => setText(e.currentTarget.value))}
      />
      <Show when={tried() && problem() && problem() !== 'field'}>
        <p class="msg msg-bad" role="alert" data-testid="fix-problem">
          {problem()}
        </p>
      </Show>
      <Show when={confirming() && !problem()}>
        <div class="msg msg-warn" role="alert" data-testid="fix-confirm" style={{ 'margin-top': '8px' }}>
          <p>{t('corr.fix.confirm', props.row.good, props.row.scrap, value(good()), value(scrap()))}</p>
        </div>
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid={confirming() ? 'fix-yes' : 'fix-submit'} disabled={props.busy || problem() === 'field'}>
          {t(confirming() ? 'corr.fix.yes' : 'corr.fix.save')}
        </button>
        <button type="button" class="btn" data-testid="fix-cancel" onClick={() => (confirming() ? setConfirming(false) : props.onCancel())}>
          {t(confirming() ? 'corr.confirm.noChange' : 'corr.fix.cancel')}
        </button>
      </div>
    </form>
  );
}
