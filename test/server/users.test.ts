import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '../../shared/schema';
import { verifyAuditChain } from '../../server/audit/chain';
import { makeHarness, recordOf, STORES, type Harness } from './harness';

const OFFICE_ROLES = ['coordinator', 'admin', 'supervisor', 'planner', 'quality', 'maintenance', 'warehouse', 'engineering', 'auditor'];
const PW = 'long-enough-pass-1';

interface ListedUser {
  id: string;
  username: string;
  name: string;
  role: string;
  badge: string;
  active: boolean;
  language?: string;
}

describe.each(STORES)('console users and passwords (A3) (%s)', (store) => {
  let h: Harness;
  let coord: string;
  beforeEach(async () => {
    h = await makeHarness({ seed: false, store });
    coord = await h.signIn();
  });
  afterEach(() => h.close());

  const create = (body: Record<string, unknown>, cookie = coord) => h.req('/api/users', { body, cookie });
  const setPassword = (id: string, body: Record<string, unknown>, cookie = coord) => h.req(`/api/users/${id}/password`, { method: 'PUT', body, cookie });
  const me = (cookie: string) => h.req('/api/session', { cookie });
  const list = async (cookie = coord) => ((await (await h.req('/api/users', { cookie })).json()) as { users: ListedUser[] }).users;
  const signInStatus = async (username: string, password: string) => (await h.req('/api/session', { body: { username, password } })).status;
  async function auditEntries(): Promise<AuditEntry[]> {
    return (await h.store.auditEntries(0, 1000)).map((r) => JSON.parse(r.entry) as AuditEntry);
  }
  async function addPlanner(username = 'pat') {
    const res = await create({ username, name: 'Pat Planner', role: 'planner', password: PW });
    expect(res.status).toBe(201);
    return ((await res.json()) as { user: ListedUser }).user;
  }

  it('[A3] a coordinator creates an office user, who signs in with that password', async () => {
    const pat = await addPlanner();
    expect(pat).toMatchObject({ username: 'pat', name: 'Pat Planner', role: 'planner', active: true });
    expect((await list()).map((u) => u.username)).toEqual(['coordinator', 'pat']);
    const cookie = await h.signIn('pat', PW);
    expect(await (await me(cookie)).json()).toMatchObject({ user: { id: pat.id, role: 'planner' } });
  });

  it('[L1] a console user’s language: set on create and by PATCH, listed, in the session, audited; a bad one is 400 invalid-request', async () => {
    const res = await create({ username: 'pat', name: 'Pat Planner', role: 'planner', password: PW, language: 'es' });
    expect(res.status).toBe(201);
    const pat = ((await res.json()) as { user: ListedUser }).user;
    expect(pat.language).toBe('es');
    expect((await list()).find((u) => u.id === pat.id)?.language).toBe('es');
    // The console follows it: sign-in and the session say it.
    const signIn = await h.req('/api/session', { body: { username: 'pat', password: PW } });
    expect(await signIn.json()).toMatchObject({ user: { id: pat.id, language: 'es' } });
    const cookie = await h.signIn('pat', PW);
    expect(await (await me(cookie)).json()).toMatchObject({ user: { id: pat.id, language: 'es' } });
    // Absent until set: the coordinator has none.
    expect(((await (await me(coord)).json()) as { user: { language?: string } }).user.language).toBeUndefined();

    const patch = (id: string, body: unknown, c = coord) => h.req(`/api/users/${id}`, { method: 'PATCH', body, cookie: c });
    const changed = await patch(pat.id, { language: 'en' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ user: { id: pat.id, username: 'pat', language: 'en' } });
    expect((await recordOf<User>(h.store, 'users', pat.id))!.language).toBe('en');
    const edit = (await auditEntries()).at(-1)!;
    expect(edit).toMatchObject({ mutation: 'updateUser', actorId: 'u-coordinator', args: { userId: pat.id, username: 'pat', language: 'en' } });
    expect(edit.before[`users/${pat.id}`]).toMatchObject({ language: 'es' });
    expect(edit.after[`users/${pat.id}`]).toMatchObject({ language: 'en' });
    expect((await verifyAuditChain(h.store)).ok).toBe(true);
    // The same value writes nothing; a person sets their own, not someone else's.
    const links = (await auditEntries()).length;
    expect((await patch(pat.id, { language: 'en' })).status).toBe(200);
    expect((await auditEntries()).length).toBe(links);
    expect((await patch(pat.id, { language: 'es' }, cookie)).status).toBe(200);
    expect((await patch('u-coordinator', { language: 'es' }, cookie)).status).toBe(403);
    expect((await patch(pat.id, { language: 'es' }, '')).status).toBe(401);

    const head = await h.store.head();
    for (const language of ['fr', 'Spanish', '', 1, null, undefined]) {
      const bad = await patch(pat.id, { language });
      expect(bad.status, String(language)).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'invalid-request' });
      const created = await create({ username: 'quinn', name: 'Quinn', role: 'planner', password: PW, language: language ?? 'xx' });
      expect(created.status, String(language)).toBe(400);
    }
    expect((await patch('u-nobody', { language: 'es' })).status).toBe(404);
    expect(await h.store.head()).toBe(head);
  });

  it('[A3] every office role of DESIGN §3 can be created; floor roles and unknown roles cannot', async () => {
    for (const role of OFFICE_ROLES) {
      expect((await create({ username: `u-${role}`, name: role, role, password: PW })).status).toBe(201);
    }
    for (const role of ['operator', 'lead', 'boss']) {
      const res = await create({ username: `x-${role}`, name: role, role, password: PW });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid-request' });
    }
  });

  it('[A3] the synced users record never carries the password or its hash', async () => {
    const pat = await addPlanner();
    const stored = (await h.store.getRecord('users', pat.id))!.value;
    expect(stored).not.toMatch(/scrypt|password/i);
    expect(stored).not.toContain(PW);
    const page = await (await h.req('/api/sync/pull?clientId=console-users-1&cursor=0', { cookie: coord })).text();
    expect(page).toContain(pat.id);
    expect(page).not.toMatch(/scrypt/);
    expect(page).not.toContain(PW);
  });

  it('[A3] passwords have at least 12 characters and are not the username; a taken username is refused; nothing is written', async () => {
    const before = await h.store.head();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ username: 'short', name: 'S', role: 'quality', password: 'elevenchars' }, 400, 'password-too-short'],
      [{ username: 'samesame1234', name: 'S', role: 'quality', password: 'SameSame1234' }, 400, 'password-is-username'],
      [{ username: 'coordinator', name: 'S', role: 'quality', password: PW }, 409, 'username-taken'],
      [{ username: 'Coordinator', name: 'S', role: 'quality', password: PW }, 409, 'username-taken'],
      [{ username: 'has space', name: 'S', role: 'quality', password: PW }, 400, 'invalid-request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(body);
      expect(res.status, code).toBe(status);
      expect(await res.json()).toMatchObject({ code });
    }
    expect(await h.store.head()).toBe(before);
    expect(await h.store.countConsoleUsers()).toBe(1);
  });

  it('[A3] only coordinators and admins manage users; others get 403, strangers 401', async () => {
    await addPlanner();
    const pat = await h.signIn('pat', PW);
    expect((await create({ username: 'eve', name: 'Eve', role: 'admin', password: PW }, pat)).status).toBe(403);
    expect((await h.req('/api/users', { cookie: pat })).status).toBe(403);
    expect((await setPassword('u-coordinator', { password: 'taken-over-pass' }, pat)).status).toBe(403);
    expect((await h.req('/api/users/u-coordinator/disable', { method: 'POST', cookie: pat })).status).toBe(403);
    expect((await h.req('/api/users')).status).toBe(401);
    expect((await h.req('/api/users', { body: { username: 'eve', name: 'Eve', role: 'admin', password: PW } })).status).toBe(401);
    expect(await signInStatus('eve', PW)).toBe(401);
  });

  it("[A3] a coordinator sets another user's password: the old one stops working and their sessions end", async () => {
    const user = await addPlanner();
    const pat = await h.signIn('pat', PW);
    expect((await setPassword(user.id, { password: 'brand-new-password' })).status).toBe(204);
    expect((await me(pat)).status).toBe(401);
    expect(await signInStatus('pat', PW)).toBe(401);
    expect(await signInStatus('pat', 'brand-new-password')).toBe(200);
    expect((await me(coord)).status).toBe(200);
  });

  it('[A3] a person changes their own password with the old one; their other sessions end, this one stays', async () => {
    const user = await addPlanner();
    const here = await h.signIn('pat', PW);
    const elsewhere = await h.signIn('pat', PW);
    const missing = await setPassword(user.id, { password: 'my-new-password-1' }, here);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ code: 'old-password-wrong' });
    expect((await setPassword(user.id, { password: 'my-new-password-1', oldPassword: 'not-it-at-all' }, here)).status).toBe(403);
    const weak = await setPassword(user.id, { password: 'pat', oldPassword: PW }, here);
    expect(await weak.json()).toMatchObject({ code: 'password-too-short' });
    expect(await signInStatus('pat', PW)).toBe(200);

    expect((await setPassword(user.id, { password: 'my-new-password-1', oldPassword: PW }, here)).status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect(await signInStatus('pat', 'my-new-password-1')).toBe(200);
    // The coordinator changing their own password needs the old one too: a stolen session cannot lock them out.
    expect((await setPassword('u-coordinator', { password: 'another-password-2' })).status).toBe(403);
  });

  it('[X2] guessing the old password through a session counts like failed sign-ins and locks the account', async () => {
    const user = await addPlanner();
    const here = await h.signIn('pat', PW);
    for (let i = 0; i < 4; i++) {
      expect((await setPassword(user.id, { password: 'my-new-password-1', oldPassword: `guess-${i}-guess` }, here)).status).toBe(403);
    }
    const fifth = await setPassword(user.id, { password: 'my-new-password-1', oldPassword: 'guess-5-guess' }, here);
    expect(fifth.status).toBe(429);
    const locked = await setPassword(user.id, { password: 'my-new-password-1', oldPassword: PW }, here);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'sign-in-locked' });
    expect(await signInStatus('pat', PW)).toBe(429);
  });

  it('[A3] a disabled user cannot sign in and their sessions end; a coordinator cannot disable themself', async () => {
    const user = await addPlanner();
    const pat = await h.signIn('pat', PW);
    expect((await h.req(`/api/users/${user.id}/disable`, { method: 'POST', cookie: coord })).status).toBe(204);
    expect((await me(pat)).status).toBe(401);
    expect(await signInStatus('pat', PW)).toBe(401);
    expect((await recordOf<User>(h.store, 'users', user.id))!.active).toBe(false);
    expect((await list()).find((u) => u.id === user.id)!.active).toBe(false);
    const self = await h.req('/api/users/u-coordinator/disable', { method: 'POST', cookie: coord });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ code: 'cannot-disable-self' });
    expect((await h.req(`/api/users/${user.id}/enable`, { method: 'POST', cookie: coord })).status).toBe(204);
    expect(await signInStatus('pat', PW)).toBe(200);
  });

  it('[A4] creating, re-passwording and disabling a user are audited in the chain, without the password', async () => {
    const user = await addPlanner();
    const created = (await h.store.getRecord('users', user.id))!;
    await setPassword(user.id, { password: 'brand-new-password' });
    await h.req(`/api/users/${user.id}/disable`, { method: 'POST', cookie: coord });
    const entries = (await auditEntries()).filter((e) => JSON.stringify(e.args).includes(user.id) || JSON.stringify(e.after).includes(user.id));
    expect(entries.map((e) => e.mutation)).toEqual(['createUser', 'setPassword', 'disableUser']);
    for (const e of entries) expect(e).toMatchObject({ actorId: 'u-coordinator', deviceId: 'console', outcome: 'applied' });
    expect(entries[0]!.before).toEqual({ [`users/${user.id}`]: null });
    expect(entries[0]!.after[`users/${user.id}`]).toMatchObject({ role: 'planner', version: created.version });
    expect(entries[2]!.after[`users/${user.id}`]).toMatchObject({ active: false });
    // The audit record of the creation is pulled at the same version as the users record.
    expect(await h.store.getRecord('audit', entries[0]!.id)).toMatchObject({ version: created.version });
    const chain = JSON.stringify(await h.store.auditEntries(0, 1000));
    expect(chain).not.toContain(PW);
    expect(chain).not.toContain('brand-new-password');
    expect(chain).not.toMatch(/scrypt/);
    expect(await verifyAuditChain(h.store)).toMatchObject({ ok: true });
  });

  it('[S8] each change pokes the console, so open consoles pull the user and its audit record at once', async () => {
    const seen = () => h.pokesSeen.length;
    const before = seen();
    const user = await addPlanner();
    expect(seen()).toBe(before + 1);
    expect(h.pokesSeen.at(-1)).toEqual({ cursor: await h.store.head(), scopes: ['coordinator'] });
    await setPassword(user.id, { password: 'brand-new-password' });
    await h.req(`/api/users/${user.id}/disable`, { method: 'POST', cookie: coord });
    expect(seen()).toBe(before + 3);
    await create({ username: 'pat', name: 'Again', role: 'planner', password: PW });
    expect(seen()).toBe(before + 3);
  });

  it('[X4] malformed bodies and unknown users are 4xx, never 500', async () => {
    expect((await h.req('/api/users', { raw: '{', cookie: coord })).status).toBe(400);
    expect((await create({ username: 'x' })).status).toBe(400);
    expect((await setPassword('u-nobody', { password: 'whatever-long-pass' })).status).toBe(404);
    expect((await h.req('/api/users/u-nobody/disable', { method: 'POST', cookie: coord })).status).toBe(404);
    expect((await h.req('/api/users/u-coordinator/password', { method: 'PUT', raw: 'null', cookie: coord })).status).toBe(400);
  });
});
