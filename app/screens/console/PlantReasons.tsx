import { createSignal, For, Show } from 'solid-js';
import type { ReasonKind, ReasonCode } from '../../../shared/schema';
import { t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { ConfirmAction, CreateForm, EditableRow, EditButton, EmptyNote, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { loadFailureText } from './list-load';
import { failureText, type Outcome, type PlantSection, type Result } from './plant-section';

type Kind = ReasonKind;
/** The kinds in the order the tablets use them most. */
const KINDS: Kind[] = ['scrap', 'downtime-unplanned', 'downtime-planned', 'changeover'];
/** A kind as a coordinator names it, in the current language. */
export const reasonKindLabel = (k: Kind): string => t(`console.reasons.kind.${k}`);

/** Reason codes by kind (F1): what operators pick when they report scrap or log downtime. */
export function PlantReasons(props: PlantSection) {
  const [form, setForm] = createSignal({ kind: 'scrap' as Kind, code: '', label: '' });
  const [result, setResult] = createSignal<Result>(null);
  const [rowResult, setRowResult] = createSignal<Result>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [label, setLabel] = createSignal('');
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const ofKind = (k: Kind) => props.plant().reasonCodes.filter((r) => r.kind === k);
  // A plant that never loaded says so once for the four kind tables, not once in each.
  const unloaded = () => !props.loading() && props.failure() !== null && props.plant().reasonCodes.length === 0;
  const done = async (r: Outcome, text: string, show: (r: Result) => void) => {
    show(r.ok ? { ok: true, text } : { ok: false, text: failureText(r) });
    await props.reload();
    return r.ok;
  };

  const add = async () => {
    const f = form();
    const r = await consoleApi.createReason({ kind: f.kind, code: f.code.trim(), label: f.label.trim() });
    const text = t('console.reasons.added', reasonKindLabel(f.kind), f.code.trim(), f.label.trim());
    if (await done(r, text, setResult)) setForm({ kind: f.kind, code: '', label: '' });
  };
  const relabel = async (rc: ReasonCode) => {
    if (await done(await consoleApi.relabelReason(rc.id, label().trim()), t('console.reasons.relabelled', rc.code, label().trim()), setRowResult))
      setEditing(null);
  };
  const retire = async (rc: ReasonCode) => {
    setConfirm(null);
    await done(await consoleApi.retireReason(rc.id), t('console.reasons.retiredDone', rc.code), setRowResult);
  };
  const restore = async (rc: ReasonCode) => {
    await done(await consoleApi.restoreReason(rc.id), t('console.reasons.restored', rc.code), setRowResult);
  };

  return (
    <section class="panel grid-2" data-testid="plant-reasons" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <h2>{t('console.reasons.title')}</h2>
        <CreateForm
          testid="reason-form"
          submitTestid="reason-create"
          submitLabel={t('console.reasons.add')}
          canSubmit={Boolean(form().code.trim() && form().label.trim())}
          onSubmit={() => void add()}
        >
          <fieldset class="field">
            <legend>{t('console.reasons.kindOf')}</legend>
            <div class="chips" data-testid="reason-kinds">
              <For each={KINDS}>
                {(k) => (
                  <button
                    type="button"
                    class="chip"
                    aria-pressed={form().kind === k}
                    data-testid="reason-kind"
                    data-kind={k}
                    onClick={() => setForm({ ...form(), kind: k })}
                  >
                    {reasonKindLabel(k)}
                  </button>
                )}
              </For>
            </div>
          </fieldset>
          <div class="field-row">
            <div style={{ flex: '0 1 140px' }}>
              <label for="reason-code">{t('console.reasons.code')}</label>
              <input
                id="reason-code"
                data-testid="reason-code"
                value={form().code}
                onInput={(e) => setForm({ ...form(), code: e.currentTarget.value })}
                maxLength={32}
                placeholder={t('console.reasons.codePlaceholder')}
                autocomplete="off"
                spellcheck={false}
              />
            </div>
            <div>
              <label for="reason-label">{t('console.reasons.label')}</label>
              <input
                id="reason-label"
                data-testid="reason-label"
                value={form().label}
                onInput={(e) => setForm({ ...form(), label: e.currentTarget.value })}
                maxLength={120}
                placeholder={t('console.reasons.labelPlaceholder')}
                autocomplete="off"
              />
            </div>
          </div>
          <p class="muted">{t('console.reasons.codeStays')}</p>
        </CreateForm>
        <ResultLine result={result()} testid="reason-result" />
      </div>
      <div>
        <ResultLine result={rowResult()} testid="reasons-result" />
        <Show
          when={!unloaded()}
          fallback={<EmptyNote loading={false} failure={loadFailureText(t('console.what.reasons'), props.failure())} onRetry={() => void props.reload()} />}
        >
          <For each={KINDS}>
            {(k) => (
              <>
                <h3>{reasonKindLabel(k)}</h3>
                <table data-testid="reasons-table" data-kind={k}>
                  <thead>
                    <tr>
                      <th style={{ width: '9em' }}>{t('console.reasons.code')}</th>
                      <th>{t('console.reasons.label')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    <For
                      each={ofKind(k)}
                      fallback={
                        <EmptyRow
                          columns={3}
                          loading={props.loading()}
                          failure={loadFailureText(t('console.what.reasons'), props.failure())}
                          onRetry={() => void props.reload()}
                        >
                          {t(`console.reasons.none.${k}`)}
                        </EmptyRow>
                      }
                    >
                      {(rc) => (
                        <EditableRow
                          testid="reason"
                          data={{ 'data-code': rc.code, 'data-retired': rc.retired ? 'true' : 'false' }}
                          columns={3}
                          readOnly={rc.retired}
                          readOnlyActions={
                            <div class="actions" style={{ 'margin-top': 0, 'flex-wrap': 'nowrap', 'align-items': 'center' }}>
                              <span>{t('console.plant.retired')}</span>
                              <button type="button" class="btn btn-small" data-testid="reason-restore" onClick={() => void restore(rc)}>
                                {t('console.plant.restore')}
                              </button>
                            </div>
                          }
                          editing={editing() === rc.id}
                          actions={
                            <>
                              <EditButton
                                nowrap
                                testid="reason-edit"
                                open={editing() === rc.id}
                                onOpen={() => {
                                  setLabel(rc.label);
                                  setEditing(rc.id);
                                }}
                              >
                                {t('console.reasons.changeWords')}
                              </EditButton>
                              <ConfirmAction
                                label={t('console.plant.retire')}
                                confirmLabel={t('console.plant.retireConfirm')}
                                confirming={confirm() === rc.id}
                                onAsk={() => setConfirm(rc.id)}
                                onCancel={() => setConfirm(null)}
                                onConfirm={() => void retire(rc)}
                                testid="reason-retire"
                              />
                            </>
                          }
                          editor={
                            <RowEditForm
                              saveTestid="reason-edit-save"
                              canSave={Boolean(label().trim())}
                              onSave={() => void relabel(rc)}
                              onCancel={() => setEditing(null)}
                            >
                              <label for={`edit-reason-label-${rc.id}`}>{t('console.reasons.labelFor', rc.code)}</label>
                              <input
                                id={`edit-reason-label-${rc.id}`}
                                data-testid="reason-edit-label"
                                value={label()}
                                onInput={(e) => setLabel(e.currentTarget.value)}
                                maxLength={120}
                                autocomplete="off"
                              />
                            </RowEditForm>
                          }
                        >
                          <td>
                            <strong>{rc.code}</strong>
                          </td>
                          <td>{rc.label}</td>
                        </EditableRow>
                      )}
                    </For>
                  </tbody>
                </table>
              </>
            )}
          </For>
        </Show>
      </div>
    </section>
  );
}
