import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { passwordChecks } from '../../server/auth/crypto';
import { limitedAddress } from '../../server/auth/limits';
import { COORD_PASSWORD, makeHarness, type Harness } from './harness';

// TRUST_PROXY on, so each test can speak from several addresses through X-Forwarded-For.
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('console sign-in limits', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({ seed: false, config: { trustProxy: 1 } });
  });
  afterEach(() => h.close());

  const attempt = (password: string, address = '10.1.0.66', username = 'coordinator') =>
    h.req('/api/session', { body: { username, password }, headers: from(address) });

  it('[A3][X2] 50 parallel wrong passwords count as 50: only a few are checked, then the sign-in locks', async () => {
    const checksBefore = passwordChecks.count;
    const answers = await Promise.all(Array.from({ length: 50 }, () => attempt('wrong')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45);
    // The attempts refused at once were never hashed: the count was taken before the slow hash.
    expect(passwordChecks.count - checksBefore).toBeLessThanOrEqual(5);
    const right = await attempt(COORD_PASSWORD);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: 'sign-in-locked' });
  });

  it('[X2] wrong passwords from one address do not lock the coordinator out at another', async () => {
    for (let i = 0; i < 12; i++) await attempt('wrong', '10.1.0.66');
    expect((await attempt(COORD_PASSWORD, '10.1.0.66')).status).toBe(429);
    expect((await attempt(COORD_PASSWORD, '10.1.0.5')).status).toBe(200);
  });

  it('[X2] a locked sign-in says when to try again (retryAt, Retry-After), and the delay grows', async () => {
    let locked: Response | undefined;
    for (let i = 0; i < 5 && !locked; i++) {
      const res = await attempt('wrong');
      if (res.status === 429) locked = res;
      else expect(await res.json()).toMatchObject({ code: 'invalid-credentials' });
    }
    expect(locked).toBeDefined();
    const first = (await locked!.json()) as { code: string; retryAt: string };
    expect(first.code).toBe('sign-in-locked');
    const firstWait = Date.parse(first.retryAt) - h.clock.now();
    expect(firstWait).toBeGreaterThan(0);
    expect(locked!.headers.get('retry-after')).toBe(new Date(first.retryAt).toUTCString());
    // Still locked just before retryAt, even with the right password; open at retryAt.
    h.clock.set(Date.parse(first.retryAt) - 1);
    expect((await attempt(COORD_PASSWORD)).status).toBe(429);
    h.clock.set(Date.parse(first.retryAt));
    const again = await attempt('wrong');
    expect(again.status).toBe(429);
    const second = (await again.json()) as { retryAt: string };
    expect(Date.parse(second.retryAt) - h.clock.now()).toBeGreaterThan(firstWait);
  });

  it('[X2] one address trying many usernames is limited as an address', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `guess-${i}`);
    const statuses: number[] = [];
    for (const n of names) statuses.push((await attempt('wrong', '10.1.0.66', n)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect((await attempt(COORD_PASSWORD, '10.1.0.66')).status).toBe(429);
    expect((await attempt(COORD_PASSWORD, '10.1.0.5')).status).toBe(200);
  });

  it('[X2] the account is limited across addresses too, well above what one address may try', async () => {
    for (let i = 0; i < 20; i++) expect((await attempt('wrong', `10.2.0.${i}`)).status).toBe(401);
    // Twenty failures spread over twenty addresses leave the coordinator able to sign in…
    expect((await attempt(COORD_PASSWORD, '10.1.0.5')).status).toBe(200);
    // …but a guessing campaign from many addresses locks the account for a while.
    let last = 0;
    for (let i = 20; i < 120 && last !== 429; i++) last = (await attempt('wrong', `10.2.0.${i}`)).status;
    expect(last).toBe(429);
    const fresh = await attempt(COORD_PASSWORD, '10.3.0.1');
    expect(fresh.status).toBe(429);
    expect(await fresh.json()).toMatchObject({ code: 'sign-in-locked', retryAt: expect.any(String) });
  });

  it('[X2] an unknown username costs one password hash, like a known one', async () => {
    const before = passwordChecks.count;
    expect((await attempt('wrong', '10.1.0.66', 'nobody')).status).toBe(401);
    const unknown = passwordChecks.count - before;
    expect((await attempt('wrong', '10.1.0.66', 'coordinator')).status).toBe(401);
    expect(passwordChecks.count - before - unknown).toBe(unknown);
    expect(unknown).toBe(1);
  });

  it('[X2][D3] the counters live in the database: another server instance on it sees the lock', async () => {
    for (let i = 0; i < 5; i++) await attempt('wrong');
    const other = createApp({ store: h.store, clock: h.clock, config: { trustProxy: 1 } });
    const res = await other.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('10.1.0.66') },
      body: JSON.stringify({ username: 'coordinator', password: COORD_PASSWORD }),
    });
    expect(res.status).toBe(429);
  });

  it('[X2] without TRUST_PROXY, X-Forwarded-For is ignored: forging it does not escape the limit', async () => {
    const direct = await makeHarness({ seed: false });
    try {
      for (let i = 0; i < 5; i++) {
        await direct.req('/api/session', { body: { username: 'coordinator', password: 'wrong' }, headers: from(`10.9.0.${i}`) });
      }
      const res = await direct.req('/api/session', { body: { username: 'coordinator', password: COORD_PASSWORD }, headers: from('10.9.9.9') });
      expect(res.status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('enrollment limits', () => {
  let h: Harness;
  let cookie: string;
  beforeEach(async () => {
    h = await makeHarness({ config: { trustProxy: 1 } });
    cookie = await h.signIn();
  });
  afterEach(() => h.close());

  const createDevice = async () =>
    (await (await h.req('/api/devices', { body: { name: 'Mill tablet', stationIds: ['st-mill-1'] }, cookie })).json()) as {
      enrollmentCode: string;
      expiresAt: string;
    };
  const enroll = (code: string, address: string) => h.req('/api/devices/enroll', { body: { code }, headers: from(address) });

  it('[X2] guessing codes from one address is limited with a growing delay (429 enrollment-locked, retryAt)', async () => {
    const { enrollmentCode } = await createDevice();
    let locked: Response | undefined;
    for (let i = 0; i < 30 && !locked; i++) {
      const res = await enroll(`GUESS${String(i).padStart(3, '3')}`, '10.1.0.66');
      if (res.status === 429) locked = res;
      else expect(res.status).toBe(400);
    }
    expect(locked).toBeDefined();
    const body = (await locked!.json()) as { code: string; retryAt: string };
    expect(body.code).toBe('enrollment-locked');
    expect(locked!.headers.get('retry-after')).toBe(new Date(body.retryAt).toUTCString());
    const firstWait = Date.parse(body.retryAt) - h.clock.now();
    // While locked even the right code is refused from there; another address enrolls.
    expect((await enroll(enrollmentCode, '10.1.0.66')).status).toBe(429);
    expect((await enroll(enrollmentCode, '10.1.0.7')).status).toBe(200);
    h.clock.set(Date.parse(body.retryAt));
    const again = await enroll('WRONGCODE', '10.1.0.66');
    expect(again.status).toBe(429);
    const next = (await again.json()) as { retryAt: string };
    expect(Date.parse(next.retryAt) - h.clock.now()).toBeGreaterThan(firstWait);
  });

  it('[A1] a code lives one hour by default; ENROLLMENT_TTL_MS changes it', async () => {
    const d = await createDevice();
    expect(Date.parse(d.expiresAt) - h.clock.now()).toBe(3_600_000);
    h.clock.advance(3_600_000 + 1);
    expect((await enroll(d.enrollmentCode, '10.1.0.7')).status).toBe(400);
    const short = await makeHarness({ config: { enrollmentTtlMs: 10 * 60_000 } });
    try {
      const c = await short.signIn();
      const res = await short.req('/api/devices', { body: { name: 'x', stationIds: ['st-mill-1'] }, cookie: c });
      expect(Date.parse(((await res.json()) as { expiresAt: string }).expiresAt) - short.clock.now()).toBe(10 * 60_000);
    } finally {
      await short.close();
    }
  });
});

describe('the address a limit counts under', () => {
  it.each([
    ['10.1.0.66', '10.1.0.66'],
    ['::ffff:10.1.0.66', '10.1.0.66'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('[X2] %s counts as %s', (address, key) => {
    expect(limitedAddress(address)).toBe(key);
  });

  it('[X2] the addresses of one IPv6 /64 share one limit', async () => {
    const h = await makeHarness({ seed: false, config: { trustProxy: 1 } });
    try {
      for (let i = 0; i < 5; i++) {
        await h.req('/api/session', { body: { username: 'coordinator', password: 'wrong' }, headers: from(`2001:db8:1:2::${i + 1}`) });
      }
      const res = await h.req('/api/session', { body: { username: 'coordinator', password: COORD_PASSWORD }, headers: from('2001:db8:1:2:ffff::9') });
      expect(res.status).toBe(429);
      const other = await h.req('/api/session', { body: { username: 'coordinator', password: COORD_PASSWORD }, headers: from('2001:db8:1:3::1') });
      expect(other.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
