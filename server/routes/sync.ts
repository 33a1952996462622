import { Hono } from 'hono';
import { PROTOCOL_VERSION, PullQuery, PushRequest } from '../../shared/protocol';
import { authenticate, type AuthEnv } from '../auth/middleware';
import { HttpError } from '../errors';
import { checkEnvelope, checkRequestJson } from '../sync/bounds';
import { pullJson } from '../sync/pull';
import { push } from '../sync/push';
import { createRateLimiter, type PushRateLimit } from '../sync/rate-limit';
import { parseWith, readJson } from './body';
import { eventStream, type EventDeps } from './events';

/** `/api/sync/*`: push, pull and the poke stream (DESIGN §5). */
export function syncRoutes(deps: EventDeps & { pushRateLimit?: PushRateLimit | false }) {
  const r = new Hono<AuthEnv>();
  const limiter = createRateLimiter(deps.clock, deps.pushRateLimit);
  r.use('*', authenticate(deps.store, deps.clock));

  r.post('/push', async (c) => {
    const body = await readJson(c);
    // S9 before the schema: an older client may send a shape this version no longer accepts.
    const envelope = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    if ('protocol' in envelope && envelope.protocol !== PROTOCOL_VERSION) {
      throw new HttpError(400, 'protocol-version', `this server speaks protocol ${PROTOCOL_VERSION}; update the app`);
    }
    checkEnvelope(body);
    const req = parseWith(PushRequest, body);
    const principal = c.get('principal');
    limiter.take(principal.kind === 'device' ? principal.deviceId : `console:${principal.userId}`, Math.max(1, req.mutations.length));
    return c.json(await push(deps, principal, req));
  });

  r.get('/pull', async (c) => {
    const query = c.req.query();
    checkRequestJson(query);
    const q = parseWith(PullQuery, query);
    const json = await pullJson(deps.store, c.get('principal'), q);
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  });

  r.get('/events', eventStream(deps));
  return r;
}
