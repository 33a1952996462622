import { createSignal, For, Show } from 'solid-js';
import type { ReasonKind, ReasonCode } from '../../../shared/schema';
import { consoleApi } from '../../session/console-api';
import { ConfirmAction, CreateForm, EditableRow, EditButton, EmptyNote, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { loadFailureText } from './list-load';
import { failureText, type Outcome, type PlantSection, type Result } from './plant-section';

type Kind = ReasonKind;
/** The kinds as a coordinator names them, in the order the tablets use them most. */
export const REASON_KIND_LABEL: Record<Kind, string> = {
  scrap: 'Scrap',
  'downtime-unplanned': 'Unplanned downtime',
  'downtime-planned': 'Planned downtime',
  changeover: 'Changeover',
};
const KINDS = Object.keys(REASON_KIND_LABEL) as Kind[];

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
    const text = `${REASON_KIND_LABEL[f.kind]} reason ${f.code.trim()} (${f.label.trim()}) is added; tablets offer it after their next sync.`;
    if (await done(r, text, setResult)) setForm({ kind: f.kind, code: '', label: '' });
  };
  const relabel = async (rc: ReasonCode) => {
    if (await done(await consoleApi.relabelReason(rc.id, label().trim()), `${rc.code} now reads “${label().trim()}”.`, setRowResult)) setEditing(null);
  };
  const retire = async (rc: ReasonCode) => {
    setConfirm(null);
    await done(await consoleApi.retireReason(rc.id), `${rc.code} is retired: tablets stop offering it; reports made with it keep it.`, setRowResult);
  };
  const restore = async (rc: ReasonCode) => {
    await done(await consoleApi.restoreReason(rc.id), `${rc.code} is offered again; tablets show it after their next sync.`, setRowResult);
  };

  return (
    <section class="panel grid-2" data-testid="plant-reasons" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <h2>Reasons</h2>
        <CreateForm
          testid="reason-form"
          submitTestid="reason-create"
          submitLabel="Add reason"
          canSubmit={Boolean(form().code.trim() && form().label.trim())}
          onSubmit={() => void add()}
        >
          <fieldset class="field">
            <legend>Kind of reason</legend>
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
                    {REASON_KIND_LABEL[k]}
                  </button>
                )}
              </For>
            </div>
          </fieldset>
          <div class="field-row">
            <div style={{ flex: '0 1 140px' }}>
              <label for="reason-code">Code</label>
              <input
                id="reason-code"
                data-testid="reason-code"
                value={form().code}
                onInput={(e) => setForm({ ...form(), code: e.currentTarget.value })}
                maxLength={32}
                placeholder="e.g. DIM"
                autocomplete="off"
                spellcheck={false}
              />
            </div>
            <div>
              <label for="reason-label">What the operator reads</label>
              <input
                id="reason-label"
                data-testid="reason-label"
                value={form().label}
                onInput={(e) => setForm({ ...form(), label: e.currentTarget.value })}
                maxLength={120}
                placeholder="e.g. Out of tolerance"
                autocomplete="off"
              />
            </div>
          </div>
          <p class="muted">The code goes into reports and exports and cannot change later; the words can.</p>
        </CreateForm>
        <ResultLine result={result()} testid="reason-result" />
      </div>
      <div>
        <ResultLine result={rowResult()} testid="reasons-result" />
        <Show
          when={!unloaded()}
          fallback={<EmptyNote loading={false} failure={loadFailureText('reasons', props.failure())} onRetry={() => void props.reload()} />}
        >
          <For each={KINDS}>
            {(k) => (
              <>
                <h3>{REASON_KIND_LABEL[k]}</h3>
                <table data-testid="reasons-table" data-kind={k}>
                  <thead>
                    <tr>
                      <th style={{ width: '9em' }}>Code</th>
                      <th>What the operator reads</th>
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
                          failure={loadFailureText('reasons', props.failure())}
                          onRetry={() => void props.reload()}
                        >
                          No {REASON_KIND_LABEL[k].toLowerCase()} reasons yet.
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
                              <span>Retired</span>
                              <button type="button" class="btn btn-small" data-testid="reason-restore" onClick={() => void restore(rc)}>
                                Restore
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
                                Change words
                              </EditButton>
                              <ConfirmAction
                                label="Retire"
                                confirmLabel="Yes, retire"
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
                              <label for={`edit-reason-label-${rc.id}`}>What the operator reads for {rc.code}</label>
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
