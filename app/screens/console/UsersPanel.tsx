import { createSignal, For, Show } from 'solid-js';
import type { ConsoleUser } from '../../../shared/protocol';
import { OfficeRole } from '../../../shared/schema';
import { sentenceFor } from '../../components/outcome-text';
import { consoleApi } from '../../session/console-api';
import { CreateForm, DisableToggle, EditableRow, EditButton, EmptyRow, ResultLine, RowEditForm } from './console-controls';
import { useConsole } from './console-context';
import { createListLoad, loadFailureText } from './list-load';
import { OwnPasswordForm, PASSWORD_HINT } from './OwnPasswordForm';

export const ROLE_LABEL: Record<OfficeRole, string> = {
  coordinator: 'Coordinator',
  admin: 'Admin',
  supervisor: 'Supervisor',
  planner: 'Planner',
  quality: 'Quality',
  maintenance: 'Maintenance',
  warehouse: 'Warehouse',
  engineering: 'Engineering',
  auditor: 'Auditor (read-only)',
};
const roleLabel = (role: string) => ROLE_LABEL[role as OfficeRole] ?? role;

/** (f) Console users (A3): add office users, set their passwords, disable them; one's own password. */
export function UsersPanel() {
  const c = useConsole();
  const manages = () => c.me().role === 'coordinator' || c.me().role === 'admin';
  // Until the first answer the list says "Loading…", after a failed one why (there is always at least one user).
  const list = createListLoad(() => consoleApi.users(), manages);
  const users = () => list.value()?.users;
  const [form, setForm] = createSignal({ username: '', name: '', role: 'planner' as OfficeRole, password: '' });
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
    setResult({ ok: true, text: `${r.value.user.name} can now sign in to the console as ${r.value.user.username}.` });
    setForm({ username: '', name: '', role: f.role, password: '' });
    await list.reload();
  };
  const savePassword = async (u: ConsoleUser) => {
    const r = await consoleApi.setPassword(u.id, newPassword());
    setRowResult(
      r.ok ? { ok: true, text: `New password set for ${u.name}; their other sessions ended.` } : { ok: false, text: sentenceFor(r.code, r.message) },
    );
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
        ? { ok: true, text: `${u.name} ${active ? 'can sign in again' : 'is disabled and signed out'}.` }
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
            title="Add a console user"
            submitTestid="user-create"
            submitLabel="Add user"
            canSubmit={!busy() && Boolean(form().name.trim() && form().username.trim() && form().password)}
            onSubmit={() => void create()}
          >
            <div class="field-row">
              <div>
                <label for="user-name">Full name</label>
                <input id="user-name" data-testid="user-name" value={form().name} onInput={field('name')} maxLength={100} autocomplete="off" />
              </div>
              <div>
                <label for="user-username">Username</label>
                <input id="user-username" data-testid="user-username" value={form().username} onInput={field('username')} maxLength={64} autocomplete="off" />
              </div>
            </div>
            <label for="user-role">Role</label>
            <select
              id="user-role"
              data-testid="user-role"
              value={form().role}
              onChange={(e) => setForm({ ...form(), role: e.currentTarget.value as OfficeRole })}
            >
              <For each={OfficeRole.options}>{(r) => <option value={r}>{ROLE_LABEL[r]}</option>}</For>
            </select>
            <label for="user-password">Password</label>
            <input
              id="user-password"
              data-testid="user-password"
              type="password"
              autocomplete="new-password"
              value={form().password}
              onInput={field('password')}
              maxLength={200}
            />
            <p class="muted">{PASSWORD_HINT} Give it to the person in person; they can change it under Users.</p>
          </CreateForm>
        </Show>
        <ResultLine result={result()} testid="user-result" />
        <OwnPasswordForm />
      </div>
      <Show when={manages()}>
        <div>
          <div class="topline">
            <h2 style={{ margin: '0 auto 0 0' }}>Console users</h2>
            <button type="button" class="btn btn-small" data-testid="users-reload" onClick={() => void list.reload()}>
              Refresh
            </button>
          </div>
          <ResultLine result={rowResult()} testid="users-result" />
          <table data-testid="users-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For
                each={users() ?? []}
                fallback={
                  <EmptyRow columns={4} loading={list.loading()} failure={loadFailureText('console users', list.failure())} onRetry={() => void list.reload()}>
                    No console users yet.
                  </EmptyRow>
                }
              >
                {(u) => (
                  <EditableRow
                    testid="user"
                    data={{ 'data-username': u.username, 'data-active': u.active ? 'true' : 'false' }}
                    columns={4}
                    readOnly={u.id === c.me().id}
                    readOnlyActions={<span class="muted">You</span>}
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
                          Set password
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
                        saveLabel="Set password"
                        canSave={Boolean(newPassword())}
                        onSave={() => void savePassword(u)}
                        onCancel={() => setEditing(null)}
                      >
                        <input type="text" autocomplete="username" value={u.username} hidden readOnly />
                        <div style={{ 'max-width': '560px' }}>
                          <label for={`pw-${u.id}`}>New password for {u.name}</label>
                          <input
                            id={`pw-${u.id}`}
                            data-testid="user-new-password"
                            type="password"
                            autocomplete="new-password"
                            value={newPassword()}
                            onInput={(e) => setNewPassword(e.currentTarget.value)}
                            maxLength={200}
                          />
                          <p class="muted">{PASSWORD_HINT} Their other sessions end when it is set.</p>
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
                    <td>{u.active ? 'Active' : 'Disabled'}</td>
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
