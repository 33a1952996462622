import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { POKE_EVENT, PROTOCOL_VERSION, PullQuery, PushRequest, type PokeData } from '../../shared/protocol';
import { authenticate, type AuthEnv } from '../auth/middleware';
import { HttpError } from '../errors';
import { scopesFor } from '../sync/principal';
import { pokeConcerns } from '../sync/pokes';
import { pullJson } from '../sync/pull';
import { push, type SyncDeps } from '../sync/push';
import { parseWith, readJson } from './body';

/** SSE comment interval: below the ~30 s idle timeouts of common proxies. */
export const HEARTBEAT_MS = 25_000;

/** `/api/sync/*`: push, pull and the poke stream (DESIGN §5). */
export function syncRoutes(deps: SyncDeps) {
  const r = new Hono<AuthEnv>();
  r.use('*', authenticate(deps.store, deps.clock));

  r.post('/push', async (c) => {
    const body = await readJson(c);
    // S9 before the schema: an older client may send a shape this version no longer accepts.
    const envelope = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    if ('protocol' in envelope && envelope.protocol !== PROTOCOL_VERSION) {
      throw new HttpError(400, 'protocol-version', `this server speaks protocol ${PROTOCOL_VERSION}; update the app`);
    }
    return c.json(await push(deps, c.get('principal'), parseWith(PushRequest, body)));
  });

  r.get('/pull', async (c) => {
    const q = parseWith(PullQuery, c.req.query());
    const json = await pullJson(deps.store, c.get('principal'), q);
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });

  r.get('/events', (c) => {
    const scopes = scopesFor(c.get('principal'));
    return streamSSE(c, async (stream) => {
      let closed = false;
      let wake = () => {};
      const unsubscribe = deps.pokes.subscribe((p) => {
        if (!closed && pokeConcerns(p, scopes)) void stream.writeSSE({ event: POKE_EVENT, data: JSON.stringify({ cursor: p.cursor } satisfies PokeData) });
      });
      stream.onAbort(() => {
        closed = true;
        unsubscribe();
        wake();
      });
      // A first poke on connect: whatever was committed while the client was away is worth a pull.
      await stream.writeSSE({ event: POKE_EVENT, data: JSON.stringify({ cursor: await deps.store.head() } satisfies PokeData) });
      while (!closed) {
        // Wait for the heartbeat or the disconnect, whichever comes first, so no timer outlives the stream.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!closed) await stream.write(': heartbeat\n\n');
      }
      unsubscribe();
    });
  });
  return r;
}
