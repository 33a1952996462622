import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../shared/schema';
import { drawingPdf } from '../../server/seed/pdf';
import { fixturePhotoPng } from '../../server/seed/png';
import { makeHarness, recordOf, STORES, type Harness } from './harness';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MAX = 64 * 1024;

describe.each(STORES)('[T2] /api/blobs on %s', (store) => {
  let h: Harness;
  let cookie: string;
  let mill: string;
  let brake: string;
  beforeAll(async () => {
    h = await makeHarness({ store, config: { maxBlobBytes: MAX } });
    cookie = await h.signIn();
    mill = (await h.enroll(['st-mill-1'], 'Mill tablet')).token;
    brake = (await h.enroll(['st-brake-1'], 'Brake tablet')).token;
  });
  afterAll(() => h.close());

  const put = (body: Uint8Array | string, o: { cookie?: string; query?: string; headers?: Record<string, string> } = {}) =>
    h.app.request(`/api/blobs${o.query ?? ''}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', ...(o.cookie === undefined ? { cookie } : o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const get = (address: string, headers: Record<string, string> = {}) => h.app.request(`/api/blobs/${address}`, { headers });
  const seedDoc = async (id: string) => (await recordOf<Document>(h.store, 'documents', id))!;

  it.each([
    [
      'a PDF',
      drawingPdf({ number: 'DWG-T-1', revision: 'B', title: 'Test plate', partFamily: 'T', width: 100, height: 60, holes: 4, material: 'A36' }),
      'application/pdf',
    ],
    ['a PNG', fixturePhotoPng(), 'image/png'],
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['Markdown', new TextEncoder().encode('# Setup\n\nClamp the part — torque 12 N·m.\n'), 'text/markdown'],
  ])('stores %s, typed by its bytes, and the console reads it back byte for byte', async (_, bytes, contentType) => {
    const res = await put(bytes, { headers: { 'content-type': 'image/gif' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sha256: sha(bytes), bytes: bytes.byteLength, contentType });
    const back = await get(sha(bytes), { cookie });
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
    expect(back.headers.get('content-type')).toBe(contentType);
  });

  it.each([
    ['a GIF', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0])],
    ['text with a NUL', new TextEncoder().encode('plain\0text')],
    ['bytes that are not UTF-8', new Uint8Array([0x41, 0xc3, 0x28, 0x42])],
    ['an empty body', new Uint8Array(0)],
  ])('refuses %s with 415 unsupported-content-type, whatever its name or header says', async (_, bytes) => {
    const res = await put(bytes, { headers: { 'content-type': 'application/pdf' }, query: '?name=drawing.pdf' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'unsupported-content-type' });
    expect(await h.blobs.has(sha(bytes))).toBe(false);
  });

  it('refuses a body past the limit with 413 body-too-large and stores nothing', async () => {
    const bytes = new TextEncoder().encode('x'.repeat(MAX + 1));
    const res = await put(bytes);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'body-too-large' });
    expect(await h.blobs.has(sha(bytes))).toBe(false);
  });

  it('checks the expected sha256: a mismatch is 400 sha256-mismatch and stores nothing, a match is stored', async () => {
    const bytes = new TextEncoder().encode('# Rev C\n');
    const wrong = await put(bytes, { query: `?sha256=${'0'.repeat(64)}` });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'sha256-mismatch', sha256: sha(bytes) });
    expect(await h.blobs.has(sha(bytes))).toBe(false);
    expect((await put(bytes, { query: `?sha256=${sha(bytes)}` })).status).toBe(200);
    expect(await h.blobs.has(sha(bytes))).toBe(true);
    expect((await put(bytes, { query: '?sha256=not-a-sha' })).status).toBe(400);
  });

  it('uploads need a signed-in console of a document-control role (401, 403), from our own pages (X2)', async () => {
    const bytes = new TextEncoder().encode('# upload rules\n');
    expect((await put(bytes, { cookie: '' })).status).toBe(401);
    const tablet = await h.app.request('/api/blobs', { method: 'PUT', headers: { authorization: `Bearer ${mill}` }, body: bytes });
    expect(tablet.status).toBe(403);
    for (const role of ['maintenance', 'auditor']) {
      const created = await h.req('/api/users', { cookie, body: { username: `blob-${role}`, name: `Blob ${role}`, role, password: 'blob-pass-12345' } });
      expect(created.status).toBe(201);
      const theirs = await h.signIn(`blob-${role}`, 'blob-pass-12345');
      expect((await put(bytes, { cookie: theirs })).status).toBe(403);
    }
    const foreign = await put(bytes, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'cross-origin-request' });
    expect(await h.blobs.has(sha(bytes))).toBe(false);
  });

  it('a blob is immutable: cached forever, its ETag the sha, and a revalidation is 304', async () => {
    const drawing = await seedDoc('doc-dwg-hm');
    const res = await get(drawing.sha256, { authorization: `Bearer ${mill}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${drawing.sha256}"`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Number(res.headers.get('content-length'))).toBe(drawing.bytes);
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(drawing.sha256);
    const again = await get(drawing.sha256, { authorization: `Bearer ${mill}`, 'if-none-match': `"${drawing.sha256}"` });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(`"${drawing.sha256}"`);
  });

  it("[T3] a tablet reads only its stations' documents: anything else is the same 404 as a blob that does not exist", async () => {
    const hm = await seedDoc('doc-dwg-hm');
    expect(hm.stationIds).toContain('st-mill-1');
    expect(hm.stationIds).not.toContain('st-brake-1');
    const outOfScope = await get(hm.sha256, { authorization: `Bearer ${brake}` });
    const absent = await get('f'.repeat(64), { authorization: `Bearer ${brake}` });
    expect([outOfScope.status, absent.status]).toEqual([404, 404]);
    expect(await outOfScope.json()).toEqual(await absent.json());
    // Uploaded but named by no document (or only a draft's): the console sees it, no tablet does.
    const loose = new TextEncoder().encode('# not yet a document\n');
    await put(loose);
    expect((await get(sha(loose), { authorization: `Bearer ${mill}` })).status).toBe(404);
    const forConsole = await get(sha(loose), { cookie });
    expect([forConsole.status, forConsole.headers.get('content-type')]).toEqual([200, 'text/markdown']);
    expect(await (await get(hm.sha256, { authorization: `Bearer ${brake}`, 'if-none-match': `"${hm.sha256}"` })).status).toBe(404);
  });

  it('needs a device token or a console session (401), and a well-formed address (400)', async () => {
    const hm = await seedDoc('doc-dwg-hm');
    expect((await get(hm.sha256)).status).toBe(401);
    expect((await get(hm.sha256, { authorization: 'Bearer nope' })).status).toBe(401);
    for (const bad of ['abc', hm.sha256.toUpperCase(), `${hm.sha256}0`, '..%2F..%2Fetc%2Fpasswd']) {
      const res = await get(bad, { cookie });
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid-request' });
    }
  });
});
