import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../shared/domain/clock';
import type { HealthResponse } from '../shared/protocol';
import { HttpError } from './errors';
import { auditRoutes } from './routes/audit';
import { deviceRoutes } from './routes/devices';
import { sessionRoutes } from './routes/session';
import { syncRoutes } from './routes/sync';
import { serveApp } from './static';
import type { Store } from './store/types';
import { createPokes, type Pokes } from './sync/pokes';

export interface AppConfig {
  /** The built app (default `dist/`). */
  staticDir?: string;
  /** Used by main.ts for the first coordinator; the app itself never reads it. */
  adminPassword?: string;
  /** Reported by /api/health. */
  version?: string;
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  config?: AppConfig;
  /** Pub/sub for SSE pokes; created when omitted. Pass your own to observe pokes in tests. */
  pokes?: Pokes;
}

/** Builds the HTTP app from its dependencies; it never listens (DESIGN §2). */
export function createApp(deps: AppDeps): Hono {
  const { store, clock } = deps;
  const config = deps.config ?? {};
  const pokes = deps.pokes ?? createPokes();
  const app = new Hono();

  app.get('/api/health', (c) => c.json({ ok: true, version: config.version ?? '0.1.0' } satisfies HealthResponse));
  app.route('/api/sync', syncRoutes({ store, clock, pokes }));
  app.route('/api/session', sessionRoutes(store, clock));
  app.route('/api/devices', deviceRoutes(store, clock));
  app.route('/api/audit', auditRoutes(store, clock));
  app.all('/api/*', (c) => c.json({ code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.get('*', serveApp(config.staticDir ?? 'dist'));

  // The one place errors become HTTP: expected ones carry a code; anything else is a bug (500).
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ code: err.code, message: err.message, ...err.extra }, err.status);
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ code: err.status === 413 ? 'body-too-large' : 'invalid-request', message: err.message }, err.status);
    }
    console.error(`${c.req.method} ${c.req.path} failed`, err);
    return c.json({ code: 'internal-error', message: 'the server failed; this is a bug' }, 500);
  });
  app.notFound((c) => c.json({ code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
