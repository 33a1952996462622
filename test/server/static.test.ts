import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness';

describe('serving the built app', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness({ seed: false });
    const dist = join(h.dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Floorboard</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), 'console.log(1)');
    writeFileSync(join(h.dir, 'secret.txt'), 'do not serve');
  });
  afterEach(() => h.close());

  it('serves the service worker with Cache-Control: no-cache', async () => {
    const res = await h.req('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('long-caches hashed assets', async () => {
    const res = await h.req('/assets/index-3f9a1c.js');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to index.html for client routes, not for missing files or /api', async () => {
    const spa = await h.req('/console/devices');
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<title>Floorboard</title>');
    expect(spa.headers.get('cache-control')).toBe('no-cache');
    expect((await h.req('/assets/missing-123.js')).status).toBe(404);
    const api = await h.req('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'not-found' });
  });

  it('never serves files outside the static directory', async () => {
    const res = await h.req('/..%2fsecret.txt');
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers health', async () => {
    expect(await (await h.req('/api/health')).json()).toEqual({ ok: true, version: '0.1.0' });
  });
});
