import { Hono } from 'hono';
import { PullQuery, PushRequest } from '../../shared/protocol';
import { authenticate, type AuthEnv } from '../auth/middleware';
import { checkEnvelope, checkRequestJson } from '../sync/bounds';
import { pullJson } from '../sync/pull';
import { checkProtocol, push } from '../sync/push';
import { deviceReports } from '../sync/device-report';
import { createRateLimiter, type PushRateLimit } from '../sync/rate-limit';
import { parseWith, readJson } from './body';
import { eventStream, type EventDeps } from './events';

/** `/api/sync/*`: push, pull and the poke stream (DESIGN §5). */
export function syncRoutes(deps: EventDeps & { pushRateLimit?: PushRateLimit | false }) {
  const r = new Hono<AuthEnv>();
  const limiter = createRateLimiter(deps.clock, deps.pushRateLimit);
  // Before authenticate, so a refused request (a revoked token) is recorded too.
  const reports = deviceReports(deps.store, deps.clock);
  r.use('/push', reports);
  r.use('/pull', reports);
  r.use('*', authenticate(deps.store, deps.clock));

  // Only parse and call. Comments number docs/sync.md's push steps: 2 is in checkProtocol, 5–17 follow in push().
  r.post('/push', async (c) => {
    // 1: S5, a body too large or not JSON is 413 / 400 and applies nothing.
    const body = await readJson(c);
    checkProtocol(body);
    // 3: S5, an envelope out of bounds or off the schema is 400; each mutation's args are judged at 9.
    checkEnvelope(body);
    const req = parseWith(PushRequest, body);
    const principal = c.get('principal');
    // 4: the device's push budget, counted in mutations: past it 429 and nothing of the push is applied.
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
