import { createSignal, For, Show } from 'solid-js';
import type { FloorPerson } from '../../../shared/protocol';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language';
import { FloorRole, type Station } from '../../../shared/schema';
import { sentenceFor } from '../../components/outcome-text';
import { t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { CreateForm, DisableToggle, EditableRow, EditButton, EmptyRow, ResultLine, RowEditForm, StationChips } from './console-controls';
import { useConsole } from './console-context';
import { createListLoad, loadFailureText } from './list-load';
import { LanguageSelect } from './LanguageSwitch';
import { pinHint, PinFields, pinPairProblem } from './PinFields';

/** A floor role in words, in the current language. */
export const floorRoleLabel = (role: FloorRole): string => t(`console.role.${role}`);
const roleLabel = (role: string) => (FloorRole.safeParse(role).success ? floorRoleLabel(role as FloorRole) : role);
const EMPTY = { name: '', badge: '', role: 'operator' as FloorRole, stationIds: [] as string[], pin: '', again: '', language: DEFAULT_LANGUAGE as Language };
type Editing = { id: string; mode: 'edit' | 'pin' } | null;
type Draft = { name: string; role: FloorRole; stationIds: string[]; pin: string; again: string; language: Language };

/** Operators and leads (A2): who signs in at the station tablets with badge + PIN, and where. */
export function FloorPeoplePanel() {
  const c = useConsole();
  // Until the first answer the list says "Loading…", after a failed one why, never "No operators yet".
  const list = createListLoad(() => consoleApi.people());
  const people = () => list.value()?.people;
  const [form, setForm] = createSignal({ ...EMPTY });
  const [busy, setBusy] = createSignal(false);
  // Two result lines, each next to what was tapped (STYLE 12): the form's, and the list's row actions'.
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [rowResult, setRowResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = createSignal<Editing>(null);
  const [draft, setDraft] = createSignal<Draft>({ name: '', role: 'operator', stationIds: [], pin: '', again: '', language: DEFAULT_LANGUAGE });
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const stationsOf = (ids: string[]) => ids.map(c.stationName).join(', ');
  const done = async (r: { ok: true } | { ok: false; code: string; message: string }, text: string, show = setRowResult) => {
    show(r.ok ? { ok: true, text } : { ok: false, text: sentenceFor(r.code, r.message) });
    if (r.ok) setEditing(null);
    await list.reload();
    return r.ok;
  };

  const formProblem = () => (form().pin || form().again ? pinPairProblem(form().pin, form().again) : null);
  const create = async () => {
    const f = form();
    setBusy(true);
    const r = await consoleApi.createPerson({
      name: f.name.trim(),
      badge: f.badge.trim(),
      role: f.role,
      stationIds: f.stationIds,
      language: f.language,
      ...(f.pin ? { pin: f.pin } : {}),
    });
    setBusy(false);
    const where = stationsOf(f.stationIds);
    const text = f.pin ? t('console.people.createdWithPin', f.name.trim(), where, f.badge.trim()) : t('console.people.createdNoPin', f.name.trim(), where);
    if (await done(r, text, setResult)) setForm({ ...EMPTY, role: f.role, stationIds: f.stationIds, language: f.language });
  };
  const open = (p: FloorPerson, mode: 'edit' | 'pin') => {
    setEditing({ id: p.id, mode });
    setDraft({ name: p.name, role: p.role as FloorRole, stationIds: [...p.stationIds], pin: '', again: '', language: p.language ?? DEFAULT_LANGUAGE });
  };
  const saveEdit = async (p: FloorPerson) => {
    const d = draft();
    const r = await consoleApi.updatePerson(p.id, { name: d.name.trim(), role: d.role, stationIds: d.stationIds, language: d.language });
    const edited = t('console.people.edited', d.name.trim(), roleLabel(d.role), stationsOf(d.stationIds));
    // A new language is said too: it reaches the tablets at the person's next sign-in.
    const language =
      d.language === (p.language ?? DEFAULT_LANGUAGE) ? '' : ` ${t('console.people.languageSet', d.name.trim(), t(`console.languageName.${d.language}`))}`;
    await done(r, `${edited}${language}`);
  };
  const savePin = async (p: FloorPerson) => {
    const r = await consoleApi.setPin(p.id, draft().pin);
    await done(r, t('console.people.pinChanged', p.name));
  };
  const setActive = async (p: FloorPerson, active: boolean) => {
    setConfirm(null);
    const r = await consoleApi.setPersonActive(p.id, active);
    await done(r, active ? t('console.people.enabled', p.name) : t('console.people.disabledDone', p.name));
  };

  return (
    <section data-testid="people-panel" class="grid-2" style={{ 'grid-template-columns': 'minmax(360px, 1fr) 2fr' }}>
      <div>
        <CreateForm
          panel
          testid="person-form"
          title={t('console.people.addTitle')}
          submitTestid="person-create"
          submitLabel={t('console.people.add')}
          canSubmit={!busy() && Boolean(form().name.trim() && form().badge.trim()) && form().stationIds.length > 0 && formProblem() === null}
          onSubmit={() => void create()}
        >
          <div class="field-row">
            <div>
              <label for="person-name">{t('console.fullName')}</label>
              <input
                id="person-name"
                data-testid="person-name"
                value={form().name}
                onInput={(e) => setForm({ ...form(), name: e.currentTarget.value })}
                maxLength={100}
                autocomplete="off"
              />
            </div>
            <div>
              <label for="person-badge">{t('console.people.badge')}</label>
              <input
                id="person-badge"
                data-testid="person-badge"
                value={form().badge}
                onInput={(e) => setForm({ ...form(), badge: e.currentTarget.value })}
                maxLength={64}
                autocomplete="off"
                spellcheck={false}
                placeholder={t('console.people.badgePlaceholder')}
              />
            </div>
          </div>
          <label for="person-role">{t('console.role')}</label>
          <select
            id="person-role"
            data-testid="person-role"
            value={form().role}
            onChange={(e) => setForm({ ...form(), role: e.currentTarget.value as FloorRole })}
          >
            <For each={FloorRole.options}>{(r) => <option value={r}>{floorRoleLabel(r)}</option>}</For>
          </select>
          <LanguageSelect
            id="person-language"
            testid="person-language"
            label={t('console.language')}
            value={form().language}
            onChange={(language) => setForm({ ...form(), language })}
          />
          <StationChips
            legend={t('console.people.worksAt')}
            stations={c.stations()}
            selected={form().stationIds}
            onChange={(ids) => setForm({ ...form(), stationIds: ids })}
            testid="person-station"
          />
          <PinFields
            id="person"
            pin={form().pin}
            again={form().again}
            onPin={(pin) => setForm({ ...form(), pin })}
            onAgain={(again) => setForm({ ...form(), again })}
          />
          <p class="muted">{t('console.people.pinLater', pinHint())}</p>
          <Show when={formProblem() && form().again.length >= form().pin.length}>
            <p class="msg msg-warn" data-testid="person-pin-problem">
              {formProblem()}
            </p>
          </Show>
        </CreateForm>
        <ResultLine result={result()} testid="person-result" />
      </div>
      <div>
        <div class="topline">
          <h2 style={{ margin: '0 auto 0 0' }}>{t('console.people.title')}</h2>
          <button type="button" class="btn btn-small" data-testid="people-reload" onClick={() => void list.reload()}>
            {t('console.refresh')}
          </button>
        </div>
        <ResultLine result={rowResult()} testid="people-result" />
        <table data-testid="people-table">
          <thead>
            <tr>
              <th>{t('console.col.name')}</th>
              <th>{t('console.role')}</th>
              <th>{t('console.people.worksAt')}</th>
              <th>{t('console.col.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For
              each={people() ?? []}
              fallback={
                <EmptyRow
                  columns={5}
                  loading={list.loading()}
                  failure={loadFailureText(t('console.what.people'), list.failure())}
                  onRetry={() => void list.reload()}
                >
                  {t('console.people.none')}
                </EmptyRow>
              }
            >
              {(p) => (
                <EditableRow
                  testid="person"
                  data={{ 'data-badge': p.badge, 'data-active': p.active ? 'true' : 'false', 'data-language': p.language ?? DEFAULT_LANGUAGE }}
                  columns={5}
                  editing={editing()?.id === p.id}
                  actions={
                    <>
                      <EditButton nowrap testid="person-set-pin" open={editing()?.id === p.id && editing()?.mode === 'pin'} onOpen={() => open(p, 'pin')}>
                        {p.hasPin ? t('console.people.newPin') : t('console.people.setPin')}
                      </EditButton>
                      <EditButton testid="person-edit" open={editing()?.id === p.id && editing()?.mode === 'edit'} onOpen={() => open(p, 'edit')}>
                        {t('console.change')}
                      </EditButton>
                      <DisableToggle
                        active={p.active}
                        confirming={confirm() === p.id}
                        onAsk={() => setConfirm(p.id)}
                        onCancel={() => setConfirm(null)}
                        onSet={(active) => void setActive(p, active)}
                        testid="person"
                      />
                    </>
                  }
                  editor={
                    <Show
                      when={editing()?.mode === 'pin'}
                      fallback={
                        <PersonEdit
                          draft={draft()}
                          stations={c.stations()}
                          onDraft={setDraft}
                          onSave={() => void saveEdit(p)}
                          onCancel={() => setEditing(null)}
                        />
                      }
                    >
                      <RowEditForm
                        testid="person-pin-form"
                        saveTestid="person-pin-save"
                        saveLabel={t('console.people.savePin')}
                        canSave={pinPairProblem(draft().pin, draft().again) === null}
                        onSave={() => void savePin(p)}
                        onCancel={() => setEditing(null)}
                      >
                        <PinFields
                          id={`pin-${p.id}`}
                          label={t('console.people.pinFor', p.name)}
                          pin={draft().pin}
                          again={draft().again}
                          onPin={(pin) => setDraft({ ...draft(), pin })}
                          onAgain={(again) => setDraft({ ...draft(), again })}
                        />
                        <p class="muted">{pinHint()}</p>
                        <Show when={draft().again.length >= draft().pin.length && draft().pin && pinPairProblem(draft().pin, draft().again)}>
                          <p class="msg msg-warn">{pinPairProblem(draft().pin, draft().again)}</p>
                        </Show>
                      </RowEditForm>
                    </Show>
                  }
                >
                  <td>
                    <strong>{p.name}</strong>
                    <br />
                    <span class="muted">{t('console.people.badgeOf', p.badge)}</span>
                  </td>
                  <td>{roleLabel(p.role)}</td>
                  <td>{stationsOf(p.stationIds)}</td>
                  <td>
                    {p.active ? t('console.active') : t('console.disabled')}
                    <br />
                    <span class={p.hasPin ? 'muted' : ''}>{p.hasPin ? t('console.people.pinSet') : t('console.people.noPin')}</span>
                    <br />
                    <span class="muted" data-testid="person-language-name">
                      {t(`console.languageName.${p.language ?? DEFAULT_LANGUAGE}`)}
                    </span>
                  </td>
                </EditableRow>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Name, role and stations of one person, changed in place in their row. */
function PersonEdit(props: { draft: Draft; stations: Station[]; onDraft: (d: Draft) => void; onSave: () => void; onCancel: () => void }) {
  return (
    <RowEditForm
      testid="person-edit-form"
      saveTestid="person-edit-save"
      canSave={Boolean(props.draft.name.trim()) && props.draft.stationIds.length > 0}
      onSave={() => props.onSave()}
      onCancel={() => props.onCancel()}
    >
      <label for="edit-person-name">{t('console.fullName')}</label>
      <input id="edit-person-name" value={props.draft.name} onInput={(e) => props.onDraft({ ...props.draft, name: e.currentTarget.value })} maxLength={100} />
      <label for="edit-person-role">{t('console.role')}</label>
      <select id="edit-person-role" value={props.draft.role} onChange={(e) => props.onDraft({ ...props.draft, role: e.currentTarget.value as FloorRole })}>
        <For each={FloorRole.options}>{(r) => <option value={r}>{floorRoleLabel(r)}</option>}</For>
      </select>
      <LanguageSelect
        id="edit-person-language"
        testid="edit-person-language"
        label={t('console.language')}
        value={props.draft.language}
        onChange={(language) => props.onDraft({ ...props.draft, language })}
      />
      <StationChips
        legend={t('console.people.worksAt')}
        stations={props.stations}
        selected={props.draft.stationIds}
        onChange={(ids) => props.onDraft({ ...props.draft, stationIds: ids })}
        testid="edit-person-station"
      />
    </RowEditForm>
  );
}
