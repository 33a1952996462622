import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../shared/domain/pin';
import type { User } from '../../shared/schema';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { CODE_ALPHABET, sha256 } from '../../server/auth/crypto';
import { DEMO_USERS } from '../../server/seed/people';
import { COORD_PASSWORD, makeHarness, type Harness } from './harness';

describe('devices and sessions', () => {
  let h: Harness;
  let cookie: string;
  beforeEach(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
  });
  afterEach(() => h.close());

  const createDevice = async (stationIds = ['st-mill-1']) => {
    const res = await h.req('/api/devices', { body: { name: 'Mill tablet', stationIds }, cookie });
    expect(res.status).toBe(201);
    return (await res.json()) as { deviceId: string; enrollmentCode: string; expiresAt: string };
  };

  it('[A1] an enrollment code is 8 unambiguous characters, expires in 1 h and works once', async () => {
    const d = await createDevice();
    expect(d.enrollmentCode).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(Date.parse(d.expiresAt) - h.clock.now()).toBe(3_600_000);
    const first = await h.req('/api/devices/enroll', { body: { code: d.enrollmentCode.toLowerCase() } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ deviceId: d.deviceId, name: 'Mill tablet', stationIds: ['st-mill-1'] });
    const again = await h.req('/api/devices/enroll', { body: { code: d.enrollmentCode } });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'enrollment-code-invalid' });
  });

  it('[A1] an expired enrollment code is refused', async () => {
    const d = await createDevice();
    h.clock.advance(3_600_000 + 1);
    const res = await h.req('/api/devices/enroll', { body: { code: d.enrollmentCode } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'enrollment-code-invalid' });
  });

  it('[A1] the server keeps only the hash of a device token', async () => {
    const d = await createDevice();
    const { token } = (await (await h.req('/api/devices/enroll', { body: { code: d.enrollmentCode } })).json()) as { token: string };
    expect(token.length).toBeGreaterThanOrEqual(40);
    const db = new Database(h.file, { readonly: true });
    const row = db.prepare('SELECT token_hash FROM devices WHERE id = ?').get(d.deviceId) as { token_hash: string };
    const leaks = db.prepare('SELECT count(*) AS n FROM devices WHERE token_hash = ? OR name = ?').get(token, token) as { n: number };
    db.close();
    expect(row.token_hash).toBe(sha256(token));
    expect(leaks.n).toBe(0);
  });

  it('[A1] creating devices needs a coordinator; unknown stations are refused unknown-station, as for people', async () => {
    const { token } = await h.enroll(['st-mill-1']);
    expect((await h.req('/api/devices', { body: { name: 'x', stationIds: ['st-mill-1'] } })).status).toBe(401);
    const asDevice = await h.req('/api/devices', { body: { name: 'x', stationIds: ['st-mill-1'] }, token });
    expect(asDevice.status).toBe(403);
    expect(await asDevice.json()).toMatchObject({ code: 'forbidden' });
    const bad = await h.req('/api/devices', { body: { name: 'x', stationIds: ['st-nowhere'] }, cookie });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'unknown-station' });
    const list = (await (await h.req('/api/devices', { cookie })).json()) as { devices: Record<string, unknown>[] };
    expect(list.devices.length).toBe(1);
    expect(list.devices[0]).not.toHaveProperty('tokenHash');
    expect((await h.req('/api/devices/dev-nope', { method: 'DELETE', cookie })).status).toBe(404);
  });

  it('[A3] the session cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
    const res = await h.req('/api/session', { body: { username: 'coordinator', password: COORD_PASSWORD } });
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^fb_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\/(;|$)/);
    expect(await res.json()).toMatchObject({ user: { id: 'u-coordinator', role: 'coordinator' } });
  });

  it('[A3] the cookie is Secure behind TLS, including a TLS-terminating proxy', async () => {
    const body = { username: 'coordinator', password: COORD_PASSWORD };
    const plain = await h.req('/api/session', { body });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const proxied = await h.req('/api/session', { body, headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('[A3] a session can be read and ended', async () => {
    expect(await (await h.req('/api/session', { cookie })).json()).toMatchObject({ user: { id: 'u-coordinator' } });
    expect((await h.req('/api/session', { method: 'DELETE', cookie })).status).toBe(204);
    expect((await h.req('/api/session', { cookie })).status).toBe(401);
  });

  it('[A3] wrong credentials are 401; five failures lock the sign-in (429) until the lock ends', async () => {
    const attempt = (password: string) => h.req('/api/session', { body: { username: 'coordinator', password } });
    for (let i = 0; i < 4; i++) {
      const res = await attempt('wrong');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'invalid-credentials' });
    }
    expect((await attempt('wrong')).status).toBe(429);
    const locked = await attempt(COORD_PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'sign-in-locked' });
    h.clock.advance(16 * 60_000);
    expect((await attempt(COORD_PASSWORD)).status).toBe(200);
  });

  it('[A3] a malformed sign-in body is a 4xx, never a 500', async () => {
    expect((await h.req('/api/session', { raw: 'nope' })).status).toBe(400);
    expect((await h.req('/api/session', { body: { username: 'coordinator' } })).status).toBe(400);
    expect((await h.req('/api/devices/enroll', { body: {} })).status).toBe(400);
  });

  it('[A2] users sync with a PIN verifier, never the PIN or the password hash', async () => {
    const { token } = await h.enroll(['st-mill-1']);
    const page = (await (await h.req('/api/sync/pull?clientId=client-a-1&cursor=0', { token })).json()) as {
      changes: { entity: string; value: User }[];
    };
    const users = page.changes.filter((c) => c.entity === 'users').map((c) => c.value);
    const nguyen = users.find((u) => u.id === 'u-op-nguyen')!;
    const pin = DEMO_USERS.find((u) => u.id === 'u-op-nguyen')!.pin;
    expect(JSON.stringify(users)).not.toContain(`"${pin}"`);
    expect(await verifyPin(pin, nguyen.pin!)).toBe(true);
    expect(await verifyPin('0000', nguyen.pin!)).toBe(false);
    const console = (await (await h.req('/api/sync/pull?clientId=console-1&cursor=0', { cookie })).json()) as {
      changes: { entity: string; value: Record<string, unknown> }[];
    };
    const coordinator = console.changes.find((c) => c.entity === 'users' && c.value.id === 'u-coordinator')!.value;
    expect(JSON.stringify(coordinator)).not.toMatch(/scrypt|password/);
  });

  it('[A1] the first start creates coordinator with a generated password, shown once', async () => {
    const fresh = await makeHarness({ seed: false });
    try {
      // makeHarness configured a password; a second bootstrap is a no-op.
      expect(await ensureCoordinator(fresh.store, fresh.clock)).toBeUndefined();
    } finally {
      await fresh.close();
    }
    const { createSqliteStore } = await import('../../server/store/sqlite');
    const store = await createSqliteStore({ file: `${h.dir}/other.sqlite` });
    const made = await ensureCoordinator(store, h.clock);
    expect(made).toMatchObject({ username: 'coordinator', generated: true });
    expect(made!.password.length).toBeGreaterThanOrEqual(12);
    expect(await store.getConsoleUser('coordinator')).toBeDefined();
    await store.close();
  });
});
