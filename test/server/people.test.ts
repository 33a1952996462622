import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, User } from '../../shared/schema';
import { deriveProofKey } from '../../shared/domain/pin';
import { signProof } from '../../shared/domain/proof';
import type { FloorPerson } from '../../shared/protocol';
import { verifyAudit } from '../../server/audit/verify';
import { makeHarness, recordOf, STORES, type Harness } from './harness';

const PW = 'long-enough-pass-1';

type Result = { id: number; outcome: string; code?: string };
const results = async (res: Response) => ((await res.json()) as { results: Result[] }).results;

/** Floor people (A2): the coordinator adds operators and leads, sets their PINs, disables them. */
describe.each(STORES)('floor people and their PINs (%s)', (store) => {
  let h: Harness;
  let coord: string;
  let mill: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    coord = await h.signIn();
    ({ token: mill } = await h.enroll(['st-mill-1'], 'Mill tablet'));
  });
  afterEach(() => h.close());

  const at = () => new Date(h.clock.now()).toISOString();
  const create = (body: Record<string, unknown>, auth: { cookie?: string; token?: string } = { cookie: coord }) => h.req('/api/people', { body, ...auth });
  const patch = (id: string, body: Record<string, unknown>) => h.req(`/api/people/${id}`, { method: 'PATCH', body, cookie: coord });
  const setPin = (id: string, pin: string, auth: { cookie?: string; token?: string } = { cookie: coord }) =>
    h.req(`/api/people/${id}/pin`, { method: 'PUT', body: { pin }, ...auth });
  const toggle = (id: string, what: 'disable' | 'enable') => h.req(`/api/people/${id}/${what}`, { method: 'POST', cookie: coord });
  const list = async () => ((await (await h.req('/api/people', { cookie: coord })).json()) as { people: FloorPerson[] }).people;
  const audit = async () => (await h.store.auditEntries(0, 10_000)).map((r) => JSON.parse(r.entry) as AuditEntry).filter((e) => e.clientId === 'office');
  async function add(body: Record<string, unknown>): Promise<FloorPerson> {
    const res = await create(body);
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { person: FloorPerson }).person;
  }
  /** What the mill tablet's pull carries of this user (S6): what it signs people in with. */
  async function onMillTablet(userId: string, clientId = `mill-pull-${userId.slice(-6)}`) {
    const page = (await (await h.req(`/api/sync/pull?clientId=${clientId}&cursor=0`, { token: mill })).json()) as {
      changes: { entity: string; id: string; value: User }[];
    };
    return page.changes.find((c) => c.entity === 'users' && c.id === userId)?.value;
  }
  /** A note pushed from the mill tablet, signed with the key the tablet derives from `pin` at sign-in. */
  async function noteAs(userId: string, pin: string | null, clientId: string, id = 1) {
    const user = (await recordOf<User>(h.store, 'users', userId))!;
    const m = { id, name: 'addNote', args: { id: `n-${clientId}-${id}`, stationId: 'st-mill-1', text: 'coolant low' }, actorId: userId, at: at() };
    const key = pin === null ? undefined : await deriveProofKey(pin, user.pin!);
    const proof = key ? await signProof(key, clientId, m) : undefined;
    return (await results(await h.push({ token: mill }, clientId, [{ ...m, ...(proof ? { proof } : {}) } as never])))[0];
  }

  it('[A2] a coordinator adds an operator with a PIN: listed, on the station tablet with a verifier, never the PIN or the key', async () => {
    const before = h.pokesSeen.length;
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], pin: '4071' });
    expect(p).toMatchObject({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], active: true, hasPin: true });
    expect(JSON.stringify(p)).not.toMatch(/4071|salt|hash/);
    expect((await list()).find((x) => x.id === p.id)).toEqual(p);
    // The office roles are not floor people; the demo's operators and leads are.
    expect((await list()).map((x) => x.role).every((r) => r === 'operator' || r === 'lead')).toBe(true);

    const synced = await onMillTablet(p.id);
    expect(synced).toMatchObject({ badge: 'B3001', active: true, pin: { iterations: 210_000 } });
    expect(synced!.pin!.proofSalt).toBeTruthy();
    expect(await h.store.getProofKey(p.id)).toBe(await deriveProofKey('4071', synced!.pin!));
    expect(JSON.stringify(synced)).not.toContain(await h.store.getProofKey(p.id));
    // The mill's tablets are poked, so they pull the new person now.
    expect(h.pokesSeen.slice(before).some((k) => k.scopes.includes('st-mill-1'))).toBe(true);
    // With the PIN the tablet derives the key and the operator's act arrives PIN-verified.
    expect(await noteAs(p.id, '4071', 'mill-client-ines')).toEqual({ id: 1, outcome: 'applied' });
    expect(await recordOf<AuditEntry>(h.store, 'audit', 'mill-client-ines:1')).toMatchObject({ backing: 'pin', actorId: p.id });
  });

  it('[A2] refused in words, nothing written: a badge in use in any case, unknown or no stations, weak or malformed PINs, office roles', async () => {
    const head = await h.store.head();
    const ok = { name: 'X', badge: 'B3999', role: 'operator', stationIds: ['st-mill-1'] };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...ok, badge: 'b1001' }, 409, 'badge-taken'], // Linh Nguyen's B1001
      [{ ...ok, badge: 'c0001' }, 409, 'badge-taken'], // the coordinator's
      [{ ...ok, stationIds: ['st-nowhere'] }, 400, 'unknown-station'],
      [{ ...ok, stationIds: [] }, 400, 'stations-required'],
      [{ ...ok, pin: '12a4' }, 400, 'pin-format'],
      [{ ...ok, pin: '123' }, 400, 'pin-format'],
      [{ ...ok, pin: '1234567890123' }, 400, 'pin-format'],
      [{ ...ok, pin: '7777' }, 400, 'pin-too-simple'],
      [{ ...ok, pin: '1234' }, 400, 'pin-too-simple'],
      [{ ...ok, pin: '9876' }, 400, 'pin-too-simple'],
      [{ ...ok, role: 'coordinator' }, 400, 'invalid-request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(body);
      expect(res.status, code).toBe(status);
      const err = (await res.json()) as { code: string; message: string };
      expect(err.code, JSON.stringify(body)).toBe(code);
      expect(err.message.length).toBeGreaterThan(5);
    }
    expect(await h.store.head()).toBe(head);
    expect((await setPin('u-op-nguyen', '0000')).status).toBe(400);
    expect((await setPin('u-nobody', '4071')).status).toBe(404);
    expect(await (await patch('u-coordinator', { name: 'Boss' })).json()).toMatchObject({ code: 'not-a-floor-person' });
    expect(await h.store.head()).toBe(head);
  });

  it("[A2] a new PIN: the new PIN's proof verifies the lead's act, the old PIN's proof is refused actor-not-verified", async () => {
    const lead = await add({ name: 'Tom Reyes', badge: 'B4001', role: 'lead', stationIds: ['st-mill-1'], pin: '2580' });
    expect(await noteAs(lead.id, '2580', 'mill-client-a')).toEqual({ id: 1, outcome: 'applied' });
    const oldVerifier = (await recordOf<User>(h.store, 'users', lead.id))!.pin!;
    const oldKey = await h.store.getProofKey(lead.id);

    expect((await setPin(lead.id, '1470')).status).toBe(204);
    const now = (await recordOf<User>(h.store, 'users', lead.id))!.pin!;
    expect(now.proofSalt).not.toBe(oldVerifier.proofSalt);
    expect(await h.store.getProofKey(lead.id)).not.toBe(oldKey);
    // A tablet still signed in with the old PIN holds the old key: its proof no longer checks out.
    const m = { id: 2, name: 'addNote', args: { id: 'n-old', stationId: 'st-mill-1', text: 'old key' }, actorId: lead.id, at: at() };
    const stale = await signProof((await deriveProofKey('2580', oldVerifier))!, 'mill-client-a', m);
    expect((await results(await h.push({ token: mill }, 'mill-client-a', [{ ...m, proof: stale } as never])))[0]).toMatchObject({
      outcome: 'rejected',
      code: 'actor-not-verified',
    });
    // The old PIN against the new verifier gives no key the server accepts either.
    expect(await noteAs(lead.id, '2580', 'mill-client-b')).toMatchObject({ outcome: 'rejected', code: 'actor-not-verified' });
    expect(await noteAs(lead.id, '1470', 'mill-client-c')).toEqual({ id: 1, outcome: 'applied' });
    // The tablet gets the new verifier (a lead with a PIN is on every tablet).
    expect((await onMillTablet(lead.id))!.pin!.hash).toBe(now.hash);
  });

  it('[A2] a disabled person: inactive on the tablet, every later act refused actor-inactive; enabled again, they act', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], pin: '4071' });
    expect((await toggle(p.id, 'disable')).status).toBe(204);
    expect((await onMillTablet(p.id))!.active).toBe(false);
    expect(await noteAs(p.id, '4071', 'mill-client-d')).toMatchObject({ outcome: 'rejected', code: 'actor-inactive' });
    expect(await noteAs('u-lead-santos', null, 'mill-client-e')).toMatchObject({ code: 'actor-not-verified' });
    expect((await toggle(p.id, 'disable')).status).toBe(204); // already disabled: nothing new
    expect((await toggle(p.id, 'enable')).status).toBe(204);
    expect(await noteAs(p.id, '4071', 'mill-client-d', 2)).toEqual({ id: 2, outcome: 'applied' });
    expect((await audit()).map((e) => e.mutation)).toEqual(['createPerson', 'disablePerson', 'enablePerson']);
  });

  it('[A2] moved off a station, the person still reaches that station’s tablet once, so it stops signing them in there', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], pin: '4071' });
    const res = await patch(p.id, { stationIds: ['st-lathe-1'], name: 'Inês Duarte' });
    expect(await res.json()).toMatchObject({ person: { stationIds: ['st-lathe-1'], name: 'Inês Duarte', role: 'operator', hasPin: true } });
    expect(await onMillTablet(p.id)).toMatchObject({ stationIds: ['st-lathe-1'], name: 'Inês Duarte' });
    expect(await noteAs(p.id, '4071', 'mill-client-f')).toMatchObject({ outcome: 'rejected', code: 'actor-not-at-device' });
    expect(await (await patch(p.id, { stationIds: ['st-gone'] })).json()).toMatchObject({ code: 'unknown-station' });
    expect(await (await patch(p.id, { role: 'lead' })).json()).toMatchObject({ person: { role: 'lead' } });
  });

  it('[A4] an edit with the values already stored writes nothing: same version, no audit link, no change to pull, no poke', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], pin: '4071' });
    const version = (await recordOf<User>(h.store, 'users', p.id))!.version;
    const links = (await audit()).length;
    const head = await h.store.head();
    const pokes = h.pokesSeen.length;
    for (const body of [
      { name: p.name, role: p.role, stationIds: p.stationIds },
      { name: ' Ines Duarte ' }, // trimmed on the way in, as a create does
      { stationIds: ['st-mill-1', 'st-mill-1'] }, // a station named twice is held once
      {},
    ]) {
      const res = await patch(p.id, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(await res.json(), JSON.stringify(body)).toEqual({ person: p });
    }
    expect((await recordOf<User>(h.store, 'users', p.id))!.version).toBe(version);
    expect((await audit()).length).toBe(links);
    expect(await h.store.head()).toBe(head);
    expect(h.pokesSeen.length).toBe(pokes);
    // A real change still writes.
    expect(await (await patch(p.id, { role: 'lead' })).json()).toMatchObject({ person: { role: 'lead' } });
    expect((await audit()).map((e) => e.mutation)).toEqual(['createPerson', 'updatePerson']);
  });

  it('[L1] a person’s language: set on create and on edit, listed, on the station tablet, audited; a language we do not speak is 400 invalid-request', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'], language: 'es' });
    expect(p.language).toBe('es');
    expect((await list()).find((x) => x.id === p.id)?.language).toBe('es');
    expect((await onMillTablet(p.id))?.language).toBe('es');
    const res = await patch(p.id, { language: 'en' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { person: FloorPerson }).person.language).toBe('en');
    expect((await recordOf<User>(h.store, 'users', p.id))!.language).toBe('en');
    const edit = (await audit()).at(-1)!;
    expect(edit).toMatchObject({ mutation: 'updatePerson', args: { userId: p.id, language: 'en' } });
    expect(edit.before[`users/${p.id}`]).toMatchObject({ language: 'es' });
    expect(edit.after[`users/${p.id}`]).toMatchObject({ language: 'en' });
    // The same language again writes nothing.
    const links = (await audit()).length;
    expect((await patch(p.id, { language: 'en' })).status).toBe(200);
    expect((await audit()).length).toBe(links);

    const head = await h.store.head();
    for (const language of ['fr', 'ES', '', 7, null]) {
      const bad = await patch(p.id, { language });
      expect(bad.status, String(language)).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'invalid-request' });
      const created = await create({ name: 'X', badge: 'B3998', role: 'operator', stationIds: ['st-mill-1'], language });
      expect(created.status, String(language)).toBe(400);
      expect(await created.json()).toMatchObject({ code: 'invalid-request' });
    }
    expect(await h.store.head()).toBe(head);
    expect((await recordOf<User>(h.store, 'users', p.id))!.language).toBe('en');
  });

  it('[A3] only coordinators and admins: a tablet, an operator and other office roles get 403, strangers 401', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'] });
    expect(p.hasPin).toBe(false);
    expect((await h.req('/api/users', { cookie: coord, body: { username: 'pat', name: 'Pat', role: 'planner', password: PW } })).status).toBe(201);
    const planner = await h.signIn('pat', PW);
    const body = { name: 'Eve', badge: 'B6666', role: 'lead', stationIds: ['st-mill-1'], pin: '4071' };
    for (const auth of [{ token: mill }, { cookie: planner }]) {
      expect((await create(body, auth)).status).toBe(403);
      expect((await h.req('/api/people', auth)).status).toBe(403);
      expect((await setPin(p.id, '4071', auth)).status).toBe(403);
      expect((await h.req(`/api/people/${p.id}/disable`, { method: 'POST', ...auth })).status).toBe(403);
    }
    expect((await h.req('/api/people')).status).toBe(401);
    expect((await setPin(p.id, '4071', {})).status).toBe(401);
    expect((await recordOf<User>(h.store, 'users', p.id))!.pin).toBeNull();
    expect(await h.store.getProofKey(p.id)).toBeUndefined();
  });

  it('[A4] every change is in the audit chain, by the coordinator, without the PIN or the key; the chain and the records agree', async () => {
    const p = await add({ name: 'Ines Duarte', badge: 'B3001', role: 'operator', stationIds: ['st-mill-1'] });
    await setPin(p.id, '4071');
    await patch(p.id, { stationIds: ['st-mill-1', 'st-lathe-1'] });
    await setPin(p.id, '5192');
    await toggle(p.id, 'disable');
    const entries = await audit();
    expect(entries.map((e) => e.mutation)).toEqual(['createPerson', 'setPin', 'updatePerson', 'setPin', 'disablePerson']);
    expect(entries.every((e) => e.actorId === 'u-coordinator' && e.deviceId === 'console' && (e.args as { userId?: string }).userId === p.id)).toBe(true);
    const key = (await h.store.getProofKey(p.id))!;
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/4071|5192/);
    expect(text).not.toContain(key);
    expect(entries[1]!.after[`users/${p.id}`]).toMatchObject({ pin: { proofSalt: expect.any(String) } });
    const report = await verifyAudit(h.store);
    expect(report.ok, JSON.stringify(report.state.findings)).toBe(true);
  });
});
