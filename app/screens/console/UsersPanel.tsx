import { createSignal, For, Show } from 'solid-js';
import type { ConsoleUser } from '../../../shared/protocol';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language';
import { OfficeRole } from '../../../shared/schema';
import { sentenceFor } from '../../components/outcome-text';
import { setLanguage, t } from '../../i18n';
import { consoleApi } from '../../session/console-api';
import { CreateForm, DisableToggle, EditableRow, EditButton, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { useConsole } from './console-context';
import { createListLoad, loadFailureText } from './list-load';
import { LanguageSelect } from './LanguageSwitch';
import { OwnPasswordForm, passwordHint } from './OwnPasswordForm';

/** An office role in words, in the current language. */
export const roleWord = (role: OfficeRole): string => t(`console.role.${role}`);
const roleLabel = (role: string) => (OfficeRole.safeParse(role).success ? roleWord(role as OfficeRole) : role);

/** (f) Console users (A3): add office users, set their passwords, disable them; one's own password. */
export function UsersPanel() {
  const c = useConsole();
  const manages = () => c.me().role === 'coordinator' || c.me().role === 'admin';
  // Until the first answer the list says "Loading…", after a failed one why (there is always at least one user).
  const list = createListLoad(() => consoleApi.users(), manages);
  const users = () => list.value()?.users;
  const [form, setForm] = createSignal({ username: '', name: '', role: 'planner' as OfficeRole, password: '', language: DEFAULT_LANGUAGE as Language });
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  // The row actions' result goes above the list, next to what was tapped (STYLE 12), not under the add form.
  const [rowResult, setRowResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [newPassword, setNewPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal<string | null>(null);
  const field = (k: 'username' | 'name' | 'password') => (e: { currentTarget: HTMLInputElement }) => setForm({ ...form(), [k]: e.currentTarget.value });

  const create = async () => {
    setBusy(true);
    const f = form();
    const r = await consoleApi.createUser({ ...f, username: f.username.trim(), name: f.name.trim() });
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, text: sentenceFor(r.code, r.message) });
    setResult({ ok: true, text: t('console.users.created', r.value.user.name, r.value.user.username) });
    setForm({ username: '', name: '', role: f.role, password: '', language: f.language });
    await list.reload();
  };
  const savePassword = async (u: ConsoleUser) => {
    const r = await consoleApi.setPassword(u.id, newPassword());
    setRowResult(r.ok ? { ok: true, text: t('console.users.passwordSet', u.name) } : { ok: false, text: sentenceFor(r.code, r.message) });
    if (r.ok) {
      setEditing(null);
      setNewPassword('');
    }
  };
  const setActive = async (u: ConsoleUser, active: boolean) => {
    setConfirm(null);
    const r = await consoleApi.setUserActive(u.id, active);
    setRowResult(
      r.ok
        ? { ok: true, text: active ? t('console.users.enabled', u.name) : t('console.users.disabledDone', u.name) }
        : { ok: false, text: sentenceFor(r.code, r.message) },
    );
    await list.reload();
  };
  const setLanguageOf = async (u: ConsoleUser, language: Language) => {
    const r = await consoleApi.updateUser(u.id, { language });
    const self = u.id === c.me().id;
    // L1: one's own console follows at once; another person's at their next sign-in.
    if (r.ok && self) setLanguage(language);
    const name = t(`console.languageName.${language}`);
    setRowResult(
      r.ok
        ? { ok: true, text: self ? t('console.users.ownLanguageSet', name) : t('console.users.languageSet', u.name, name) }
        : { ok: false, text: sentenceFor(r.code, r.message) },
    );
    await list.reload();
  };

  return (
    // The list gets two thirds, as the floor people's above it does: a row's actions fit beside its name at 1280 px.
    <section data-testid="users-panel" class="grid-2" style={manages() ? { 'grid-template-columns': 'minmax(360px, 1fr) 2fr' } : { 'max-width': '760px' }}>
      <div>
        <Show when={manages()}>
          <CreateForm
            panel
            testid="user-form"
            title={t('console.users.addTitle')}
            submitTestid="user-create"
            submitLabel={t('console.users.add')}
            canSubmit={!busy() && Boolean(form().name.trim() && form().username.trim() && form().password)}
            onSubmit={() => void create()}
          >
            <div class="field-row">
              <div>
                <label for="user-name">{t('console.fullName')}</label>
                <input id="user-name" data-testid="user-name" value={form().name} onInput={field('name')} maxLength={100} autocomplete="off" />
              </div>
              <div>
                <label for="user-username">{t('console.signin.username')}</label>
                <input id="user-username" data-testid="user-username" value={form().username} onInput={field('username')} maxLength={64} autocomplete="off" />
              </div>
            </div>
            <label for="user-role">{t('console.role')}</label>
            <select
              id="user-role"
              data-testid="user-role"
              value={form().role}
              onChange={(e) => setForm({ ...form(), role: e.currentTarget.value as OfficeRole })}
            >
              <For each={OfficeRole.options}>{(r) => <option value={r}>{roleWord(r)}</option>}</For>
            </select>
            <LanguageSelect
              id="user-language"
              testid="user-language"
              label={t('console.language')}
              value={form().language}
              onChange={(language) => setForm({ ...form(), language })}
            />
            <label for="user-password">{t('console.signin.password')}</label>
            <input
              id="user-password"
              data-testid="user-password"
              type="password"
              autocomplete="new-password"
              value={form().password}
              onInput={field('password')}
              maxLength={200}
            />
            <p class="muted">{t('console.users.createHint', passwordHint())}</p>
          </CreateForm>
        </Show>
        <ResultLine result={result()} testid="user-result" />
        <OwnPasswordForm />
      </div>
      <Show when={manages()}>
        <div>
          <div class="topline">
            <h2 style={{ margin: '0 auto 0 0' }}>{t('console.users.title')}</h2>
            <button type="button" class="btn btn-small" data-testid="users-reload" onClick={() => void list.reload()}>
              {t('console.refresh')}
            </button>
          </div>
          <ResultLine result={rowResult()} testid="users-result" />
          <table data-testid="users-table">
            <thead>
              <tr>
                <th>{t('console.col.name')}</th>
                <th>{t('console.role')}</th>
                <th>{t('console.col.state')}</th>
                <th>{t('console.language')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For
                each={users() ?? []}
                fallback={
                  <EmptyRow
                    columns={5}
                    loading={list.loading()}
                    failure={loadFailureText(t('console.what.users'), list.failure())}
                    onRetry={() => void list.reload()}
                  >
                    {t('console.users.none')}
                  </EmptyRow>
                }
              >
                {(u) => (
                  <EditableRow
                    testid="user"
                    data={{ 'data-username': u.username, 'data-active': u.active ? 'true' : 'false' }}
                    columns={5}
                    readOnly={u.id === c.me().id}
                    readOnlyActions={<span class="muted">{t('console.users.you')}</span>}
                    editing={editing() === u.id}
                    actions={
                      <>
                        <EditButton
                          nowrap
                          testid="user-set-password"
                          open={editing() === u.id}
                          onOpen={() => {
                            setEditing(u.id);
                            setNewPassword('');
                          }}
                        >
                          {t('console.users.setPassword')}
                        </EditButton>
                        <DisableToggle
                          active={u.active}
                          confirming={confirm() === u.id}
                          onAsk={() => setConfirm(u.id)}
                          onCancel={() => setConfirm(null)}
                          onSet={(active) => void setActive(u, active)}
                          testid="user"
                        />
                      </>
                    }
                    editor={
                      <RowEditForm
                        testid="user-password-form"
                        saveTestid="user-password-save"
                        saveLabel={t('console.users.setPassword')}
                        canSave={Boolean(newPassword())}
                        onSave={() => void savePassword(u)}
                        onCancel={() => setEditing(null)}
                      >
                        <input type="text" autocomplete="username" value={u.username} hidden readOnly />
                        <div style={{ 'max-width': '560px' }}>
                          <label for={`pw-${u.id}`}>{t('console.users.newPasswordFor', u.name)}</label>
                          <input
                            id={`pw-${u.id}`}
                            data-testid="user-new-password"
                            type="password"
                            autocomplete="new-password"
                            value={newPassword()}
                            onInput={(e) => setNewPassword(e.currentTarget.value)}
                            maxLength={200}
                          />
                          <p class="muted">{t('console.users.setHint', passwordHint())}</p>
                        </div>
                      </RowEditForm>
                    }
                  >
                    <td>
                      <strong>{u.name}</strong>
                      <br />
                      <span class="muted">{u.username}</span>
                    </td>
                    <td>{roleLabel(u.role)}</td>
                    <td>{u.active ? t('console.active') : t('console.disabled')}</td>
                    <td>
                      <LanguageSelect
                        hideLabel
                        id={`user-language-${u.id}`}
                        testid="user-row-language"
                        label={t('console.languageOf', u.name)}
                        value={u.language ?? DEFAULT_LANGUAGE}
                        onChange={(l) => void setLanguageOf(u, l)}
                      />
                    </td>
                  </EditableRow>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
