import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/protocol';
import { makeHarness, type Harness } from './harness';

const OP = 'u-op-nguyen'; // operator at st-mill-1

/**
 * The app served by @hono/node-server, as main.ts serves it: bodies are read off the Node request
 * (server/routes/body.ts), a path `app.request()` in the other server tests never takes.
 */
describe('push over Node HTTP', () => {
  let h: Harness;
  let server: ServerType;
  let base = '';
  let token = '';

  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  /** POSTs `chunks` one write each (chunked transfer, no content-length unless given), on a connection of its own. */
  function post(path: string, chunks: (string | Buffer)[], headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${base}${path}`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (const c of chunks) req.write(c);
      req.end();
    });
  }

  const pushBody = (mutations: unknown[]) => JSON.stringify({ protocol: 1, clientId: 'node-http-client', mutations });
  const note = (id: number) => ({
    id,
    name: 'addNote',
    actorId: OP,
    at: new Date(h.clock.now()).toISOString(),
    args: { id: `note-${id}`, stationId: 'st-mill-1', text: `note ${id}` },
  });

  it('[S2] applies a push sent in several chunks, and a replay of it changes nothing', async () => {
    const body = pushBody([note(1), note(2)]);
    const first = await post('/api/sync/push', [body.slice(0, 10), body.slice(10, 40), body.slice(40)]);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, outcome: 'applied' },
        { id: 2, outcome: 'applied' },
      ],
    });
    const again = await post('/api/sync/push', [body]);
    expect(JSON.parse(again.body)).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, outcome: 'applied' },
        { id: 2, outcome: 'applied' },
      ],
    });
    expect(await h.store.countRecords('notes')).toBe(2);
  });

  it('[S5] malformed JSON is 400 malformed-json; multi-byte text split across chunks is read whole', async () => {
    const bad = await post('/api/sync/push', ['{"protocol":1,']);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'malformed-json' });
    const text = 'Spindle warm-up 5 min — Ø12 Fräser ✓';
    const bytes = Buffer.from(pushBody([{ ...note(1), args: { id: 'note-utf8', stationId: 'st-mill-1', text } }]));
    const at = bytes.indexOf(Buffer.from('Ø')) + 1; // inside the two bytes of Ø
    const ok = await post('/api/sync/push', [bytes.subarray(0, at), bytes.subarray(at)]);
    expect(ok.status).toBe(200);
    expect(JSON.parse((await h.store.getRecord('notes', 'note-utf8'))!.value).text).toBe(text);
  });

  it('[S5] a body over the limit is 413 body-too-large, declared or streamed, and the server goes on', async () => {
    const declared = await post('/api/sync/push', ['{}'], { 'content-length': String(MAX_BODY_BYTES + 1) }).catch((e: Error) => e);
    // The server may answer before reading the declared body; either way it must not be applied.
    if (!(declared instanceof Error)) expect(declared.status).toBe(413);
    const pad = 'x'.repeat(64 * 1024);
    const chunks = [`{"protocol":1,"clientId":"node-http-client","mutations":[],"pad":"`];
    for (let n = 0; n * pad.length <= MAX_BODY_BYTES; n++) chunks.push(pad);
    chunks.push('"}');
    const streamed = await post('/api/sync/push', chunks);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ code: 'body-too-large' });
    const after = await post('/api/sync/push', [pushBody([note(1)])]);
    expect(JSON.parse(after.body).results).toEqual([{ id: 1, outcome: 'applied' }]);
  });
});
