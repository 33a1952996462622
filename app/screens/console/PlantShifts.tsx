import { createSignal, For, Show } from 'solid-js';
import { shiftMinutes, shiftProblem } from '../../../shared/domain/shifts';
import type { Shift } from '../../../shared/schema';
import { sentenceFor } from '../../components/outcome-text';
import { formatDuration, t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { ConfirmAction, CreateForm, EditableRow, EditButton, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { loadFailureText } from './list-load';
import { failureText, type Outcome, type PlantSection, type Result } from './plant-section';

type ShiftDraft = { name: string; start: string; end: string; breaks: string };
const EMPTY: ShiftDraft = { name: '', start: '', end: '', breaks: '30' };

/** "8 hr", "7 hr, 30 min" (app/i18n/format.ts). */
const duration = (min: number) => formatDuration(min * 60_000);
/** The draft's problem in words, before anything is sent; null when it can be saved. */
function draftProblem(d: ShiftDraft): string | null {
  if (!d.start || !d.end || d.breaks === '' || !Number.isInteger(Number(d.breaks)) || Number(d.breaks) < 0) return null;
  const code = shiftProblem({ start: d.start, end: d.end, plannedBreakMinutes: Number(d.breaks) });
  return code ? sentenceFor(code) : null;
}
const complete = (d: ShiftDraft) => Boolean(d.name.trim() && d.start && d.end && d.breaks !== '' && Number(d.breaks) >= 0) && draftProblem(d) === null;
const body = (d: ShiftDraft) => ({ name: d.name.trim(), start: d.start, end: d.end, plannedBreakMinutes: Number(d.breaks) });

/** The shift calendar (§10): names, start and end (a night shift crosses midnight), planned breaks. */
export function PlantShifts(props: PlantSection) {
  const [form, setForm] = createSignal<ShiftDraft>({ ...EMPTY });
  const [result, setResult] = createSignal<Result>(null);
  const [rowResult, setRowResult] = createSignal<Result>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [draft, setDraft] = createSignal<ShiftDraft>({ ...EMPTY });
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const done = async (r: Outcome, text: string, show: (r: Result) => void) => {
    show(r.ok ? { ok: true, text } : { ok: false, text: failureText(r) });
    await props.reload();
    return r.ok;
  };
  const add = async () => {
    if (await done(await consoleApi.createShift(body(form())), t('console.shifts.added', form().name.trim()), setResult)) setForm({ ...EMPTY });
  };
  const save = async (s: Shift) => {
    if (await done(await consoleApi.updateShift(s.id, body(draft())), t('console.shifts.saved', draft().name.trim()), setRowResult)) setEditing(null);
  };
  const remove = async (s: Shift) => {
    setConfirm(null);
    await done(await consoleApi.removeShift(s.id), t('console.shifts.removed', s.name), setRowResult);
  };

  return (
    <section class="panel grid-2" data-testid="plant-shifts" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <h2>{t('console.shifts.title')}</h2>
        <CreateForm
          testid="shift-form"
          submitTestid="shift-create"
          submitLabel={t('console.shifts.add')}
          canSubmit={complete(form())}
          onSubmit={() => void add()}
        >
          <ShiftFields id="shift" draft={form()} onDraft={setForm} />
        </CreateForm>
        <ResultLine result={result()} testid="shift-result" />
      </div>
      <div>
        <ResultLine result={rowResult()} testid="shifts-result" />
        <table data-testid="shifts-table">
          <thead>
            <tr>
              <th>{t('console.shifts.shift')}</th>
              <th>{t('console.shifts.hours')}</th>
              <th>{t('console.shifts.breaks')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For
              each={props.plant().shifts}
              fallback={
                <EmptyRow
                  columns={4}
                  loading={props.loading()}
                  failure={loadFailureText(t('console.what.shifts'), props.failure())}
                  onRetry={() => void props.reload()}
                >
                  {t('console.shifts.none')}
                </EmptyRow>
              }
            >
              {(s) => (
                <EditableRow
                  testid="shift"
                  data={{ 'data-name': s.name }}
                  columns={4}
                  editing={editing() === s.id}
                  actions={
                    <>
                      <EditButton
                        testid="shift-edit"
                        open={editing() === s.id}
                        onOpen={() => {
                          setDraft({ name: s.name, start: s.start, end: s.end, breaks: String(s.plannedBreakMinutes) });
                          setEditing(s.id);
                        }}
                      >
                        {t('console.change')}
                      </EditButton>
                      <ConfirmAction
                        label={t('console.shifts.remove')}
                        confirmLabel={t('console.shifts.removeConfirm')}
                        confirming={confirm() === s.id}
                        onAsk={() => setConfirm(s.id)}
                        onCancel={() => setConfirm(null)}
                        onConfirm={() => void remove(s)}
                        testid="shift-remove"
                      />
                    </>
                  }
                  editor={
                    <RowEditForm saveTestid="shift-edit-save" canSave={complete(draft())} onSave={() => void save(s)} onCancel={() => setEditing(null)}>
                      <ShiftFields id={`edit-shift-${s.id}`} draft={draft()} onDraft={setDraft} />
                    </RowEditForm>
                  }
                >
                  <td>
                    <strong>{s.name}</strong>
                  </td>
                  <td>
                    {s.start}–{s.end} ({duration(shiftMinutes(s.start, s.end))}
                    {s.end < s.start ? `, ${t('console.shifts.crossesMidnight')}` : ''})
                  </td>
                  <td>{formatDuration(s.plannedBreakMinutes * 60_000)}</td>
                </EditableRow>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Name, start, end and breaks; says the length and a midnight crossing as they are typed. */
function ShiftFields(props: { id: string; draft: ShiftDraft; onDraft: (d: ShiftDraft) => void }) {
  const set = (patch: Partial<ShiftDraft>) => props.onDraft({ ...props.draft, ...patch });
  const length = () =>
    props.draft.start && props.draft.end && props.draft.start !== props.draft.end ? shiftMinutes(props.draft.start, props.draft.end) : null;
  return (
    <>
      <label for={`${props.id}-name`}>{t('console.shifts.name')}</label>
      <input
        id={`${props.id}-name`}
        data-testid={`${props.id}-name`}
        value={props.draft.name}
        onInput={(e) => set({ name: e.currentTarget.value })}
        maxLength={100}
        placeholder={t('console.shifts.namePlaceholder')}
        autocomplete="off"
      />
      <div class="field-row">
        <div>
          <label for={`${props.id}-start`}>{t('console.shifts.starts')}</label>
          <input
            id={`${props.id}-start`}
            data-testid={`${props.id}-start`}
            type="time"
            value={props.draft.start}
            onInput={(e) => set({ start: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for={`${props.id}-end`}>{t('console.shifts.ends')}</label>
          <input
            id={`${props.id}-end`}
            data-testid={`${props.id}-end`}
            type="time"
            value={props.draft.end}
            onInput={(e) => set({ end: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for={`${props.id}-breaks`}>{t('console.shifts.breaksMinutes')}</label>
          <input
            id={`${props.id}-breaks`}
            data-testid={`${props.id}-breaks`}
            type="number"
            min="0"
            step="5"
            inputMode="numeric"
            value={props.draft.breaks}
            onInput={(e) => set({ breaks: e.currentTarget.value })}
          />
        </div>
      </div>
      <Show when={length() !== null}>
        <p class="muted">
          {props.draft.end < props.draft.start ? t('console.shifts.crossingMidnight', duration(length()!)) : t('console.shifts.length', duration(length()!))}
        </p>
      </Show>
      <Show when={draftProblem(props.draft)}>
        <p class="msg msg-warn" data-testid={`${props.id}-problem`}>
          {draftProblem(props.draft)}
        </p>
      </Show>
    </>
  );
}
