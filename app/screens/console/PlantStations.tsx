import { createSignal, For, Show } from 'solid-js';
import type { Station } from '../../../shared/schema';
import { t } from '../../i18n';
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
    if (await done(await consoleApi.createDepartment(name), t('console.stations.departmentAdded', name), setResult)) setDepName('');
  };
  const addStation = async () => {
    const f = { ...form(), departmentId: pickedDep() };
    const r = await consoleApi.createStation({ name: f.name.trim(), departmentId: f.departmentId, line: f.line.trim() });
    const text = t('console.stations.added', f.name.trim());
    if (await done(r, text, setResult)) setForm({ name: '', departmentId: f.departmentId, line: f.line });
  };
  const open = (s: Station) => {
    setEditing(s.id);
    setDraft({ name: s.name, departmentId: s.departmentId, line: s.line });
  };
  const save = async (s: Station) => {
    const d = draft();
    const r = await consoleApi.updateStation(s.id, { name: d.name.trim(), departmentId: d.departmentId, line: d.line.trim() });
    if (await done(r, t('console.stations.saved', d.name.trim()), setRowResult)) setEditing(null);
  };
  const retire = async (s: Station) => {
    setConfirm(null);
    await done(await consoleApi.retireStation(s.id), t('console.stations.retiredDone', s.name), setRowResult);
  };
  const restore = async (s: Station) => {
    await done(await consoleApi.restoreStation(s.id), t('console.stations.restored', s.name), setRowResult);
  };
  const renameDep = async (id: string, name: string) => {
    await done(await consoleApi.renameDepartment(id, name.trim()), t('console.stations.renamed', name.trim()), setRowResult);
  };

  return (
    <section class="panel grid-2" data-testid="plant-stations" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <h2>{t('console.stations.title')}</h2>
        <form
          data-testid="department-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addDepartment();
          }}
        >
          <label for="department-name">{t('console.stations.newDepartment')}</label>
          <div class="field-row">
            <input
              id="department-name"
              data-testid="department-name"
              value={depName()}
              onInput={(e) => setDepName(e.currentTarget.value)}
              maxLength={100}
              placeholder={t('console.stations.departmentPlaceholder')}
              autocomplete="off"
            />
            <button type="submit" class="btn btn-primary" data-testid="department-create" style={{ flex: '0 0 auto' }} disabled={!depName().trim()}>
              {t('console.stations.addDepartment')}
            </button>
          </div>
        </form>
        <CreateForm
          testid="station-form"
          submitTestid="station-create"
          submitLabel={t('console.stations.add')}
          canSubmit={Boolean(form().name.trim() && pickedDep())}
          onSubmit={() => void addStation()}
        >
          <h3 style={{ 'margin-top': '20px' }}>{t('console.stations.newStation')}</h3>
          <label for="station-name">{t('console.stations.name')}</label>
          <input
            id="station-name"
            data-testid="station-name"
            value={form().name}
            onInput={(e) => setForm({ ...form(), name: e.currentTarget.value })}
            maxLength={100}
            placeholder={t('console.stations.namePlaceholder')}
            autocomplete="off"
          />
          <div class="field-row">
            <div>
              <label for="station-department">{t('console.stations.department')}</label>
              <select
                id="station-department"
                data-testid="station-department"
                value={pickedDep()}
                onChange={(e) => setForm({ ...form(), departmentId: e.currentTarget.value })}
              >
                <option value="" disabled>
                  {departments().length ? t('console.stations.pickOne') : props.failure() ? t('console.stations.notLoaded') : t('console.stations.noneYet')}
                </option>
                <For each={departments()}>{(d) => <option value={d.id}>{d.name}</option>}</For>
              </select>
            </div>
            <div>
              <label for="station-line">{t('console.stations.line')}</label>
              <input
                id="station-line"
                data-testid="station-line"
                value={form().line}
                onInput={(e) => setForm({ ...form(), line: e.currentTarget.value })}
                maxLength={100}
                placeholder={t('console.stations.linePlaceholder')}
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
            <EmptyNote loading={props.loading()} failure={loadFailureText(t('console.what.departments'), props.failure())} onRetry={() => void props.reload()}>
              {t('console.stations.noDepartments')}
            </EmptyNote>
          }
        >
          {(d) => (
            <div data-testid="department-block" data-department-id={d.id}>
              <DepartmentHeading name={d.name} onRename={(name) => void renameDep(d.id, name)} />
              <table data-testid="stations-table">
                <thead>
                  <tr>
                    <th>{t('console.stations.station')}</th>
                    <th>{t('console.stations.line')}</th>
                    <th>{t('console.col.state')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For
                    each={stationsOf(d.id)}
                    fallback={
                      <EmptyRow columns={4} failure={loadFailureText(t('console.what.stations'), props.failure())} onRetry={() => void props.reload()}>
                        {t('console.stations.noStations')}
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
                            {t('console.plant.restore')}
                          </button>
                        }
                        editing={editing() === s.id}
                        actions={
                          <>
                            <EditButton testid="station-edit" open={editing() === s.id} onOpen={() => open(s)}>
                              {t('console.change')}
                            </EditButton>
                            <ConfirmAction
                              label={t('console.plant.retire')}
                              confirmLabel={t('console.plant.retireConfirm')}
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
                                <label for={`edit-station-name-${s.id}`}>{t('console.stations.name')}</label>
                                <input
                                  id={`edit-station-name-${s.id}`}
                                  value={draft().name}
                                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                                  maxLength={100}
                                />
                              </div>
                              <div>
                                <label for={`edit-station-dep-${s.id}`}>{t('console.stations.department')}</label>
                                <select
                                  id={`edit-station-dep-${s.id}`}
                                  value={draft().departmentId}
                                  onChange={(e) => setDraft({ ...draft(), departmentId: e.currentTarget.value })}
                                >
                                  <For each={departments()}>{(x) => <option value={x.id}>{x.name}</option>}</For>
                                </select>
                              </div>
                              <div>
                                <label for={`edit-station-line-${s.id}`}>{t('console.stations.line')}</label>
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
                        <td>{s.retired ? t('console.plant.retired') : t('console.plant.inUse')}</td>
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
            {t('console.stations.rename')}
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
        <input aria-label={t('console.stations.newNameFor', props.name)} value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={100} />
        <button type="submit" class="btn btn-small btn-primary" style={{ flex: '0 0 auto' }} disabled={!name().trim()}>
          {t('console.stations.saveName')}
        </button>
        <button type="button" class="btn btn-small" style={{ flex: '0 0 auto' }} onClick={() => setEditing(false)}>
          {t('action.cancel')}
        </button>
      </form>
    </Show>
  );
}
