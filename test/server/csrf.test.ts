import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { COORD_PASSWORD, makeHarness, type Harness } from './harness';

const EVIL = 'https://evil.example';
const device = { name: 'Rogue tablet', stationIds: ['st-mill-1'] };

describe('CSRF: cookie routes accept only JSON from the app’s origin', () => {
  let h: Harness;
  let cookie: string;
  beforeEach(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
  });
  afterEach(() => h.close());

  const post = (path: string, init: { body: string; headers: Record<string, string> }) =>
    h.app.request(path, { method: 'POST', body: init.body, headers: { cookie, ...init.headers } });
  const deviceCount = async () => ((await (await h.req('/api/devices', { cookie })).json()) as { devices: unknown[] }).devices.length;

  it('[X2] a cross-origin text/plain POST with the console cookie is refused and applies nothing', async () => {
    const res = await post('/api/devices', {
      body: JSON.stringify(device),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'cross-origin-request' });
    expect(await deviceCount()).toBe(0);
  });

  it('[X2] a form post from another site is refused, even without Sec-Fetch-Site (plain HTTP)', async () => {
    const res = await post('/api/devices', {
      body: 'name=Rogue&stationIds=st-mill-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
    });
    expect(res.status).toBe(403);
    expect(await deviceCount()).toBe(0);
  });

  it('[X2] JSON routes accept only application/json: anything else is 415 unsupported-media-type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      // Same origin, so only the media type is wrong.
      const res = await post('/api/devices', { body: JSON.stringify(device), headers: { 'content-type': type, origin: 'http://localhost' } });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ code: 'unsupported-media-type' });
    }
    const noType = await h.app.request('/api/devices', { method: 'POST', body: new Blob([JSON.stringify(device)]), headers: { cookie } });
    expect(noType.status).toBe(415);
    expect(await deviceCount()).toBe(0);
    const json = await post('/api/devices', {
      body: JSON.stringify(device),
      headers: { 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost' },
    });
    expect(json.status).toBe(201);
  });

  it('[X2] a JSON write with the cookie from a foreign Origin or a cross-site fetch is refused', async () => {
    const foreign = await post('/api/devices', { body: JSON.stringify(device), headers: { 'content-type': 'application/json', origin: EVIL } });
    expect(foreign.status).toBe(403);
    const crossSite = await post('/api/devices', {
      body: JSON.stringify(device),
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const revoke = await h.app.request('/api/session', { method: 'DELETE', headers: { cookie, origin: EVIL } });
    expect(revoke.status).toBe(403);
    expect((await h.req('/api/session', { cookie })).status).toBe(200);
    expect(await deviceCount()).toBe(0);
  });

  it('[X2] another site cannot sign a browser in (login CSRF)', async () => {
    const res = await h.app.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ username: 'coordinator', password: COORD_PASSWORD }),
      headers: { 'content-type': 'application/json', origin: EVIL },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('[X2] the app’s own origin works, behind a TLS proxy too when TRUST_PROXY says so', async () => {
    const same = await post('/api/devices', {
      body: JSON.stringify(device),
      headers: { 'content-type': 'application/json', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(201);
    const proxied = await makeHarness({ seed: false, config: { trustProxy: 1 } });
    const plain = await makeHarness({ seed: false });
    try {
      const signIn = (app: Harness['app']) =>
        app.request('http://floorboard.plant.example/api/session', {
          method: 'POST',
          body: JSON.stringify({ username: 'coordinator', password: COORD_PASSWORD }),
          headers: { 'content-type': 'application/json', origin: 'https://floorboard.plant.example', 'x-forwarded-proto': 'https' },
        });
      expect((await signIn(proxied.app)).status).toBe(200);
      // Without TRUST_PROXY the forwarded scheme is not believed: http://… is not https://….
      expect((await signIn(plain.app)).status).toBe(403);
    } finally {
      await proxied.close();
      await plain.close();
    }
  });

  it('[X2] device-token requests are not cookie-authenticated: Bearer JSON works from anywhere', async () => {
    const { token } = await h.enroll(['st-mill-1']);
    const res = await h.app.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: h.newClientId(), mutations: [] }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: EVIL },
    });
    expect(res.status).toBe(200);
    // A device's push still needs JSON.
    const text = await h.app.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: h.newClientId(), mutations: [] }),
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
    });
    expect(text.status).toBe(415);
  });

  it('[X2] clients that send neither Origin nor Sec-Fetch-Site (scripts, tests) still work', async () => {
    expect((await h.req('/api/devices', { body: device, cookie })).status).toBe(201);
    expect((await h.req('/api/session', { method: 'DELETE', cookie })).status).toBe(204);
  });
});
