import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COORD_PASSWORD, makeHarness, type Harness } from './harness';

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  // WebAssembly only (the camera's code reader, §9): no JavaScript eval.
  expect(csp, what).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

describe('security headers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({ seed: false });
    const dist = join(h.dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Floorboard</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  });
  afterEach(() => h.close());

  it('[X1] every response carries them: app shell, worker, manifest, API answers and API errors', async () => {
    const cookie = await h.signIn();
    const answers: [string, Response][] = [
      ['index.html', await h.req('/')],
      ['SPA route', await h.req('/console')],
      ['service worker', await h.req('/sw.js')],
      ['manifest', await h.req('/manifest.webmanifest')],
      ['missing file', await h.req('/assets/missing.js')],
      ['health', await h.req('/api/health')],
      ['session', await h.req('/api/session', { cookie })],
      ['401', await h.req('/api/devices')],
      ['400 malformed', await h.req('/api/session', { raw: '{' })],
      ['404 api', await h.req('/api/nothing')],
      ['415', await h.app.request('/api/session', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })],
      ['403 csrf', await h.app.request('/api/session', { method: 'DELETE', headers: { cookie, origin: 'https://evil.example' } })],
    ];
    for (const [what, res] of answers) expectSecurityHeaders(res, `${what} (${res.status})`);
  });

  it('[X1] HSTS only behind TLS: an https request, or X-Forwarded-Proto https with TRUST_PROXY', async () => {
    expect((await h.req('/api/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await h.app.request('https://floorboard.plant.example/api/health')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } };
    expect((await h.req('/api/health', forwarded)).headers.get('strict-transport-security')).toBeNull();
    const proxied = await makeHarness({ seed: false, config: { trustProxy: 1 } });
    try {
      expect((await proxied.req('/api/health', forwarded)).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });
});

describe('the client address over a real socket', () => {
  let h: Harness;
  let server: ServerType;
  let base = '';
  beforeEach(async () => {
    h = await makeHarness({ seed: false });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  it('[X1][X2] the socket’s address counts; a forged X-Forwarded-For does not escape the limit', async () => {
    const signIn = (password: string, i: number) =>
      fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.8.0.${i}` },
        body: JSON.stringify({ username: 'coordinator', password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('wrong', i)).status);
    expect(statuses.at(-1)).toBe(429);
    const res = await signIn(COORD_PASSWORD, 99);
    expect(res.status).toBe(429);
    expectSecurityHeaders(res, 'over a socket');
  });
});
