import { createSignal, For, Show } from 'solid-js';
import type { Station } from '../../../shared/schema';
import { consoleApi } from '../../session/console-api';
import { ConfirmAction, CreateForm, EditableRow, EditButton, EmptyNote, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { loadFailureText } from './list-load';
import { failureText, type Outcome, type PlantSection, type Result } from './plant-section';

type StationDraft = { name: string; departmentId: string; line: string };

/** Departments and their stations (work centers): add, rename, move, retire, restore. */
export function PlantStations(props: PlantSection) {
  const [depName, setDepName] = createSignal('');
  const [form, setForm] = createSignal<StationDraft>({ name: '', departmentId: '', line: '' });
  const [result, setResult] = createSignal<Result>(null);
  const [rowResult, setRowResult] = createSignal<Result>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [draft, setDraft] = createSignal<StationDraft>({ name: '', departmentId: '', line: '' });
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const departments = () => props.plant().departments;
  const stationsOf = (depId: string) => props.plant().stations.filter((s) => s.departmentId === depId);
  // The department picked for a new station: the chosen one, else the only one there is.
  const pickedDep = () => form().departmentId || (departments().length === 1 ? departments()[0]!.id : '');
  const done = async (r: Outcome, text: string, show: (r: Result) => void) => {
    show(r.ok ? { ok: true, text } : { ok: false, text: failureText(r) });
    await props.reload();
    return r.ok;
  };

  const addDepartment = async () => {
    const name = depName().trim();
    if (await done(await consoleApi.createDepartment(name), `The department ${name} is added. Add its stations below.`, setResult)) setDepName('');
  };
  const addStation = async () => {
    const f = { ...form(), departmentId: pickedDep() };
    const r = await consoleApi.createStation({ name: f.name.trim(), departmentId: f.departmentId, line: f.line.trim() });
    const text = `The station ${f.name.trim()} is added. Add the people who work there under Users, then enroll its tablet under Devices.`;
    if (await done(r, text, setResult)) setForm({ name: '', departmentId: f.departmentId, line: f.line });
  };
  const open = (s: Station) => {
    setEditing(s.id);
    setDraft({ name: s.name, departmentId: s.departmentId, line: s.line });
  };
  const save = async (s: Station) => {
    const d = draft();
    const r = await consoleApi.updateStation(s.id, { name: d.name.trim(), departmentId: d.departmentId, line: d.line.trim() });
    if (await done(r, `${d.name.trim()} is saved. Tablets show it after their next sync.`, setRowResult)) setEditing(null);
  };
  const retire = async (s: Station) => {
    setConfirm(null);
    await done(await consoleApi.retireStation(s.id), `${s.name} is retired: its history stays, and it is offered for nothing new.`, setRowResult);
  };
  const restore = async (s: Station) => {
    await done(await consoleApi.restoreStation(s.id), `${s.name} is in use again: it can be given to tablets and people.`, setRowResult);
  };
  const renameDep = async (id: string, name: string) => {
    await done(await consoleApi.renameDepartment(id, name.trim()), `The department is now called ${name.trim()}.`, setRowResult);
  };

  return (
    <section class="panel grid-2" data-testid="plant-stations" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <h2>Departments and stations</h2>
        <form
          data-testid="department-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addDepartment();
          }}
        >
          <label for="department-name">New department</label>
          <div class="field-row">
            <input
              id="department-name"
              data-testid="department-name"
              value={depName()}
              onInput={(e) => setDepName(e.currentTarget.value)}
              maxLength={100}
              placeholder="e.g. Machining"
              autocomplete="off"
            />
            <button type="submit" class="btn btn-primary" data-testid="department-create" style={{ flex: '0 0 auto' }} disabled={!depName().trim()}>
              Add department
            </button>
          </div>
        </form>
        <CreateForm
          testid="station-form"
          submitTestid="station-create"
          submitLabel="Add station"
          canSubmit={Boolean(form().name.trim() && pickedDep())}
          onSubmit={() => void addStation()}
        >
          <h3 style={{ 'margin-top': '20px' }}>New station</h3>
          <label for="station-name">Station name</label>
          <input
            id="station-name"
            data-testid="station-name"
            value={form().name}
            onInput={(e) => setForm({ ...form(), name: e.currentTarget.value })}
            maxLength={100}
            placeholder="e.g. CNC Mill 1"
            autocomplete="off"
          />
          <div class="field-row">
            <div>
              <label for="station-department">Department</label>
              <select
                id="station-department"
                data-testid="station-department"
                value={pickedDep()}
                onChange={(e) => setForm({ ...form(), departmentId: e.currentTarget.value })}
              >
                <option value="" disabled>
                  {departments().length ? 'Pick one' : props.failure() ? 'Not loaded' : 'None yet'}
                </option>
                <For each={departments()}>{(d) => <option value={d.id}>{d.name}</option>}</For>
              </select>
            </div>
            <div>
              <label for="station-line">Line or cell</label>
              <input
                id="station-line"
                data-testid="station-line"
                value={form().line}
                onInput={(e) => setForm({ ...form(), line: e.currentTarget.value })}
                maxLength={100}
                placeholder="Optional, e.g. Cell A"
                autocomplete="off"
              />
            </div>
          </div>
        </CreateForm>
        <ResultLine result={result()} testid="station-result" />
      </div>
      <div>
        <ResultLine result={rowResult()} testid="stations-result" />
        <For
          each={departments()}
          fallback={
            <EmptyNote loading={props.loading()} failure={loadFailureText('departments and stations', props.failure())} onRetry={() => void props.reload()}>
              No departments yet. Start with one, e.g. the shop or hall the stations are in.
            </EmptyNote>
          }
        >
          {(d) => (
            <div data-testid="department-block" data-department-id={d.id}>
              <DepartmentHeading name={d.name} onRename={(name) => void renameDep(d.id, name)} />
              <table data-testid="stations-table">
                <thead>
                  <tr>
                    <th>Station</th>
                    <th>Line or cell</th>
                    <th>State</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={stationsOf(d.id)}
                    fallback={
                      <EmptyRow columns={4} failure={loadFailureText('stations', props.failure())} onRetry={() => void props.reload()}>
                        No stations in this department yet.
                      </EmptyRow>
                    }
                  >
                    {(s) => (
                      <EditableRow
                        testid="station"
                        data={{ 'data-station-id': s.id, 'data-retired': s.retired ? 'true' : 'false' }}
                        columns={4}
                        readOnly={s.retired}
                        readOnlyActions={
                          <button type="button" class="btn btn-small" data-testid="station-restore" onClick={() => void restore(s)}>
                            Restore
                          </button>
                        }
                        editing={editing() === s.id}
                        actions={
                          <>
                            <EditButton testid="station-edit" open={editing() === s.id} onOpen={() => open(s)}>
                              Change
                            </EditButton>
                            <ConfirmAction
                              label="Retire"
                              confirmLabel="Yes, retire"
                              confirming={confirm() === s.id}
                              onAsk={() => setConfirm(s.id)}
                              onCancel={() => setConfirm(null)}
                              onConfirm={() => void retire(s)}
                              testid="station-retire"
                            />
                          </>
                        }
                        editor={
                          <RowEditForm
                            saveTestid="station-edit-save"
                            canSave={Boolean(draft().name.trim())}
                            onSave={() => void save(s)}
                            onCancel={() => setEditing(null)}
                          >
                            <div class="field-row">
                              <div>
                                <label for={`edit-station-name-${s.id}`}>Station name</label>
                                <input
                                  id={`edit-station-name-${s.id}`}
                                  value={draft().name}
                                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                                  maxLength={100}
                                />
                              </div>
                              <div>
                                <label for={`edit-station-dep-${s.id}`}>Department</label>
                                <select
                                  id={`edit-station-dep-${s.id}`}
                                  value={draft().departmentId}
                                  onChange={(e) => setDraft({ ...draft(), departmentId: e.currentTarget.value })}
                                >
                                  <For each={departments()}>{(x) => <option value={x.id}>{x.name}</option>}</For>
                                </select>
                              </div>
                              <div>
                                <label for={`edit-station-line-${s.id}`}>Line or cell</label>
                                <input
                                  id={`edit-station-line-${s.id}`}
                                  value={draft().line}
                                  onInput={(e) => setDraft({ ...draft(), line: e.currentTarget.value })}
                                  maxLength={100}
                                />
                              </div>
                            </div>
                          </RowEditForm>
                        }
                      >
                        <td>
                          <strong>{s.name}</strong>
                        </td>
                        <td>{s.line || <span class="muted">—</span>}</td>
                        <td>{s.retired ? 'Retired' : 'In use'}</td>
                      </EditableRow>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </For>
      </div>
    </section>
  );
}

/** A department's name with Rename, which turns it into a field in place. */
function DepartmentHeading(props: { name: string; onRename: (name: string) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [name, setName] = createSignal('');
  return (
    <Show
      when={editing()}
      fallback={
        <div class="topline" style={{ 'margin-top': '12px' }}>
          <h3 style={{ margin: '0 auto 0 0' }}>{props.name}</h3>
          <button
            type="button"
            class="btn btn-small"
            data-testid="department-rename"
            onClick={() => {
              setName(props.name);
              setEditing(true);
            }}
          >
            Rename
          </button>
        </div>
      }
    >
      <form
        class="field-row"
        style={{ 'margin-top': '12px' }}
        onSubmit={(e) => {
          e.preventDefault();
          props.onRename(name());
          setEditing(false);
        }}
      >
        <input aria-label={`New name for ${props.name}`} value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={100} />
        <button type="submit" class="btn btn-small btn-primary" style={{ flex: '0 0 auto' }} disabled={!name().trim()}>
          Save name
        </button>
        <button type="button" class="btn btn-small" style={{ flex: '0 0 auto' }} onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    </Show>
  );
}
