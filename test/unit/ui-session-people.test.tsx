// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSignal } from 'solid-js';
import { getMeta, openDatabase, setMeta, type FloorboardDB } from '../../app/db';
import { setLanguage } from '../../app/i18n';
import { describeProblem } from '../../app/components/outcome-text';
import { problemsFor } from '../../app/queries/problems';
import { setClockSource } from '../../app/session/clock';
import { draftKey, loadDraft, saveDraft } from '../../app/session/drafts';
import { idleLimitMs, idlePhase, idleSignOutNotice } from '../../app/session/idle';
import { localLockoutStore, MAX_FAILURES } from '../../app/session/lockout';
import { attemptsLeftText, lockedText, signInFailureText } from '../../app/session/signin-words';
import { signIn, type SignInResult } from '../../app/session/user';
import { IdleGuard } from '../../app/screens/shell/IdleGuard';
import { makePinVerifier } from '../../shared/domain/pin';
import type { User } from '../../shared/schema';
import { mount, q } from '../support/mount';

const m = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const T0 = Date.parse('2026-12-02T08:00:00.000Z');
const PIN = await makePinVerifier('4826', 1);
const user = (o: Partial<User>): User => ({ id: 'u', name: 'N', badge: 'B', role: 'operator', stationIds: ['s1'], pin: PIN, active: true, ...m, ...o });
const ANA = user({ id: 'u-ana', name: 'Ana Ruiz', badge: 'B1001' });
const LINH = user({ id: 'u-linh', name: 'Linh Nguyen', badge: 'B1002' });
const MILL = user({ id: 'u-mill', name: 'Mo Mill', badge: 'B2001', stationIds: ['s2'] });
const LEAD = user({ id: 'u-lead', name: 'Lu Lead', badge: 'B5', role: 'lead', stationIds: [] });

let n = 0;
let db: FloorboardDB;
beforeEach(async () => {
  localStorage.clear();
  setLanguage('en');
  db = await openDatabase(`people-${process.pid}-${++n}`);
  await db.entity('users').bulkPut([ANA, LINH, MILL, LEAD]);
});
afterEach(() => {
  db.close();
  setClockSource(undefined);
  vi.useRealTimers();
});

describe('[A2] wrong PINs lock the badge, not the tablet', () => {
  it('five wrong PINs for one badge lock that badge; another person signs in at once', async () => {
    const store = localLockoutStore();
    for (let i = 1; i < MAX_FAILURES; i++) expect((await signIn(db, 'B1001', '0000', ['s1'], T0 + i, store)).ok).toBe(false);
    const fifth = await signIn(db, 'B1001', '0000', ['s1'], T0 + 10, store);
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    // Even the right PIN waits for the lock on that badge…
    expect(await signIn(db, 'B1001', '4826', ['s1'], T0 + 20, store)).toMatchObject({ ok: false, reason: 'locked' });
    // …but the next person at the station is not locked out.
    const linh = await signIn(db, 'B1002', '4826', ['s1'], T0 + 30, store);
    expect(linh.ok).toBe(true);
    expect(await getMeta(db, 'currentUserId')).toBe(LINH.id);
    // The lock is kept per badge in localStorage, so a reload keeps it, and it ends after five minutes.
    expect(localLockoutStore().load('B1001').lockedUntil).toBeGreaterThan(T0);
    expect(localLockoutStore().load('B1002')).toEqual({ failures: 0, lockedUntil: 0 });
    expect((await signIn(db, 'B1001', '4826', ['s1'], T0 + 10 + 5 * 60_000, store)).ok).toBe(true);
  });

  it('an unknown badge is refused in the same words as a wrong PIN, and locks only that typed badge', async () => {
    const store = localLockoutStore();
    const unknown = (await signIn(db, 'B9999', '4826', ['s1'], T0, store)) as Extract<SignInResult, { ok: false }>;
    const wrong = (await signIn(db, 'B1001', '0000', ['s1'], T0, store)) as Extract<SignInResult, { ok: false }>;
    const name = () => '';
    expect(signInFailureText(unknown, ['s1'], name, T0)).toBe(signInFailureText(wrong, ['s1'], name, T0));
    for (let i = 0; i < MAX_FAILURES; i++) await signIn(db, 'B9999', '0000', ['s1'], T0 + i, store);
    expect(await signIn(db, 'B9999', '0000', ['s1'], T0 + 9, store)).toMatchObject({ reason: 'locked' });
    expect((await signIn(db, 'B1001', '4826', ['s1'], T0 + 9, store)).ok).toBe(true);
  });

  it('badges match without case or spaces: b1001 is B1001, for the sign-in and for its lock', async () => {
    const store = localLockoutStore();
    expect(await signIn(db, ' b1001 ', '4826', ['s1'], T0, store)).toMatchObject({ ok: true, user: { id: ANA.id } });
    for (let i = 0; i < MAX_FAILURES; i++) await signIn(db, i % 2 ? 'b1001' : 'B1001', '0000', ['s1'], T0 + i, store);
    expect(await signIn(db, 'b1001', '4826', ['s1'], T0 + 9, store)).toMatchObject({ reason: 'locked' });
  });

  it('the right PIN at a tablet of another station says so, and counts as no wrong PIN', async () => {
    const store = localLockoutStore();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn(db, 'B2001', '0000', ['s1'], T0 + i, store);
    const r = await signIn(db, 'B2001', '4826', ['s1'], T0 + 9, store);
    expect(r).toMatchObject({ ok: false, reason: 'not-this-station' });
    expect(store.load('B2001').failures).toBe(0);
    expect(await getMeta(db, 'currentUserId')).toBeUndefined();
    const names: Record<string, string> = { s1: 'Lathe 1', s2: 'Mill 2' };
    const text = signInFailureText(r as Extract<SignInResult, { ok: false }>, ['s1'], (id) => names[id] ?? id, T0);
    expect(text).toBe('Your badge and PIN are right, but this tablet serves Lathe 1; you work at Mill 2. Use a tablet at your station, or ask your lead.');
    setLanguage('es');
    expect(signInFailureText(r as Extract<SignInResult, { ok: false }>, ['s1'], (id) => names[id] ?? id, T0)).toMatch(
      /^Su gafete y su PIN son correctos, pero esta tableta atiende a Lathe 1; usted trabaja en Mill 2\./,
    );
  });
});

describe('[L1] the lock-out sentences, singular and plural, in both languages', () => {
  it.each([
    ['en', 4, '1 more wrong attempt locks this badge for 5 min.'],
    ['en', 3, '2 more wrong attempts lock this badge for 5 min.'],
    ['es', 4, 'Le queda 1 intento más antes de que este gafete se bloquee durante 5 min.'],
    ['es', 3, 'Le quedan 2 intentos más antes de que este gafete se bloquee durante 5 min.'],
  ] as const)('%s after %i failures', (lang, failures, want) => {
    setLanguage(lang);
    expect(attemptsLeftText(failures)).toBe(want);
  });

  it.each([
    ['en', /^This badge is locked on this tablet after 5 wrong attempts\. Try again in 4 min\. Someone else can sign in now\.$/],
    [
      'es',
      /^Este gafete está bloqueado en esta tableta tras 5 intentos fallidos\. Vuelva a intentarlo dentro de 4 min\. Otra persona puede iniciar sesión ahora\.$/,
    ],
  ] as const)('%s: while locked, the time until it unlocks', (lang, want) => {
    setLanguage(lang);
    expect(lockedText({ failures: 0, lockedUntil: T0 + 4 * 60_000 }, T0)).toMatch(want);
  });
});

describe('[A2] problems belong to the person who made them', () => {
  const mine = {
    id: 'r1',
    kind: 'rejected' as const,
    mutation: 'startOperation',
    at: '2026-12-02T08:02:00.000Z',
    code: 'work-order-on-hold',
    message: '',
    actorId: ANA.id,
    subject: 'WO-1 op 10',
  };
  const theirs = { ...mine, id: 'r2', actorId: LINH.id };
  const nameOf = (id: string) => [ANA, LINH].find((u) => u.id === id)?.name;

  it('an operator sees only their own; a lead sees everyone’s; nobody signed in sees none', () => {
    expect(problemsFor([mine, theirs], LINH).map((p) => p.id)).toEqual(['r2']);
    expect(problemsFor([mine, theirs], LEAD).map((p) => p.id)).toEqual(['r1', 'r2']);
    expect(problemsFor([mine, theirs], null)).toEqual([]);
  });

  it('another person’s problem is named, not worded as "Your …"', () => {
    expect(describeProblem(theirs, nameOf, LINH.id)).toMatch(/^Your /);
    expect(describeProblem(mine, nameOf, LEAD.id)).toMatch(/^Ana Ruiz’s .*WO-1 op 10.* was not applied/);
    setLanguage('es');
    expect(describeProblem(mine, nameOf, LEAD.id)).toMatch(/ de Ana Ruiz \(WO-1 op 10\) de las .* no se aplicó/);
  });
});

describe('[A2] drafts belong to the person and the station', () => {
  it('the next person starts blank; the first gets theirs back', () => {
    saveDraft(draftKey(ANA.id, 's1', 'note'), { text: 'coolant low' });
    expect(loadDraft(draftKey(LINH.id, 's1', 'note'), { text: '' }).text).toBe('');
    expect(loadDraft(draftKey(ANA.id, 's2', 'note'), { text: '' }).text).toBe('');
    expect(loadDraft(draftKey(ANA.id, 's1', 'note'), { text: '' }).text).toBe('coolant low');
  });
});

describe('[A2] the idle sign-out', () => {
  it.each([
    [0, 'active'],
    [13 * 60_000, 'active'],
    [14 * 60_000, 'warning'],
    [15 * 60_000 - 1, 'warning'],
    [15 * 60_000, 'expired'],
  ] as const)('after %i ms without input at 15 minutes: %s', (idle, phase) => {
    expect(idlePhase(T0, T0 + idle, idleLimitMs(15))).toBe(phase);
  });

  it('defaults to 15 minutes without a plant setting', () => {
    expect(idleLimitMs(undefined)).toBe(15 * 60_000);
    expect(idleLimitMs(5)).toBe(5 * 60_000);
  });

  it('warns a minute before, "I’m still here" restarts the time, then signs out at the plant’s limit keeping drafts', async () => {
    let clock = T0;
    setClockSource(() => clock);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await db.entity('plantSettings').put({ id: 'plant', idleSignOutMinutes: 5, ...m });
    await setMeta(db, 'currentUserId', ANA.id);
    saveDraft(draftKey(ANA.id, 's1', 'note'), { text: 'half a note' });
    const [who, setWho] = createSignal<User | null>(ANA);
    const el = mount(() => <IdleGuard db={() => db} user={who} />);
    await vi.waitFor(async () => expect(await db.entity('plantSettings').get('plant')).toBeDefined());
    const step = async (ms: number) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    // The live settings query has to land before the clock moves: 5 minutes, not the default 15.
    await new Promise((r) => setTimeout(r, 50));
    await step(3 * 60_000);
    expect(q(el, 'idle-warning')).toBeNull();
    await step(60_000 + 1000);
    expect(q(el, 'idle-warning')).not.toBeNull();
    expect(q(el, 'idle-warning')!.textContent).toContain('I’m still here');
    q(el, 'idle-still-here')!.click();
    expect(q(el, 'idle-warning')).toBeNull();
    await step(4 * 60_000 + 1000);
    expect(await getMeta(db, 'currentUserId')).toBe(ANA.id);
    await step(60_000);
    await vi.waitFor(async () => expect(await getMeta(db, 'currentUserId')).toBeUndefined());
    setWho(null);
    expect(idleSignOutNotice()).toBe(5);
    expect(loadDraft(draftKey(ANA.id, 's1', 'note'), { text: '' }).text).toBe('half a note');
  });
});
