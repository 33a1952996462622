import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../shared/domain/clock';
import { HttpError } from './errors';
import { jsonBodiesOnly, sameOriginWrites } from './middleware/csrf';
import { securityHeaders } from './middleware/security-headers';
import { auditRoutes } from './routes/audit';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { sessionRoutes } from './routes/session';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';
import { peopleRoutes } from './routes/people';
import { plantRoutes } from './routes/plant';
import { blobRoutes } from './routes/blobs';
import type { BlobStore } from './blobs/types';
import { serveApp } from './static';
import { STORAGE_RETRY_AFTER_S, storageUnavailable } from './store/errors';
import type { Store } from './store/types';
import { Committer } from './sync/committer';
import { createPokes, createRevocations, type Pokes, type Revocations } from './sync/pokes';
import { createStreamRegistry } from './sync/streams';
import type { PushRateLimit } from './sync/rate-limit';

export interface AppConfig {
  /** The built app (default `dist/`). */
  staticDir?: string;
  /** Used by main.ts for the first coordinator; the app itself never reads it. */
  adminPassword?: string;
  /** Reported by /api/health. */
  version?: string;
  /** The data directory: /api/health reports its free space (fs.statfs). */
  dataDir?: string;
  /** Free bytes below which /api/health says `degraded` (default 1 GiB). */
  minFreeBytes?: number;
  /** Per-device push budget in mutations (default DEFAULT_PUSH_RATE_LIMIT); `false`: no limit. */
  pushRateLimit?: PushRateLimit | false;
  /** Open event streams per device or console user (default 4); a new one closes the oldest. */
  maxStreamsPerDevice?: number;
  /** Event-stream heartbeat, when the token is checked again (default HEARTBEAT_MS). */
  heartbeatMs?: number;
  /**
   * `TRUST_PROXY`: how many reverse proxies stand in front of the server (default 0). Only then
   * are X-Forwarded-For (the client's address, X2) and X-Forwarded-Proto/-Host (TLS for HSTS,
   * our origin for CSRF) believed.
   */
  trustProxy?: number;
  /** `ENROLLMENT_TTL_MS`: how long an enrollment code works (default one hour, A1). */
  enrollmentTtlMs?: number;
  /** `FLOORBOARD_MAX_BLOB_MB`: the largest document file `PUT /api/blobs` takes (default 50 MB, T2). */
  maxBlobBytes?: number;
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  config?: AppConfig;
  /** Pub/sub for SSE pokes; created when omitted. Pass your own to observe pokes in tests. */
  pokes?: Pokes;
  /** Device revocations, heard by the open event streams; created when omitted. */
  revocations?: Revocations;
  /**
   * The group commit that applies pushes (S4); made from `store` and `clock` when omitted. Apps on
   * one store in one process pass the same one, so their pushes share transactions.
   */
  committer?: Committer;
  /** The documents' files (T2); without one, `/api/blobs` is not served. */
  blobs?: BlobStore;
}

/** Builds the HTTP app from its dependencies; it never listens (DESIGN §2). */
export function createApp(deps: AppDeps): Hono {
  const { store, clock } = deps;
  const config = deps.config ?? {};
  const pokes = deps.pokes ?? createPokes();
  const revocations = deps.revocations ?? createRevocations();
  const committer = deps.committer ?? new Committer(store, clock);
  const streams = createStreamRegistry(revocations, config.maxStreamsPerDevice);
  const app = new Hono();
  const trustProxy = config.trustProxy ?? 0;
  const http = { trustProxy, enrollmentTtlMs: config.enrollmentTtlMs };

  // First, so that every answer gets the headers, errors and the static app included (X1).
  app.use('*', securityHeaders(trustProxy));
  app.use('/api/*', sameOriginWrites(trustProxy), jsonBodiesOnly(deps.blobs ? ['/api/blobs'] : []));

  app.route('/api/health', healthRoutes(clock, { version: config.version ?? '0.1.0', dataDir: config.dataDir, minFreeBytes: config.minFreeBytes }));
  app.route('/api/sync', syncRoutes({ store, clock, pokes, committer, streams, heartbeatMs: config.heartbeatMs, pushRateLimit: config.pushRateLimit }));
  app.route('/api/session', sessionRoutes(store, clock, http));
  app.route('/api/devices', deviceRoutes(store, clock, http, revocations));
  app.route('/api/audit', auditRoutes(store, clock));
  app.route('/api/users', userRoutes(store, clock, pokes, http));
  app.route('/api/people', peopleRoutes(store, clock, pokes));
  app.route('/api/plant', plantRoutes(store, clock, pokes));
  if (deps.blobs) app.route('/api/blobs', blobRoutes(store, clock, deps.blobs, config.maxBlobBytes));
  app.all('/api/*', (c) => c.json({ code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.get('*', serveApp(config.staticDir ?? 'dist'));

  // The one place errors become HTTP: expected ones carry a code; anything else is a bug (500).
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      if (err.retryAfterS !== undefined) c.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterS))));
      // An HTTP-date, so it needs no clock here; the body's retryAt says the same to the app.
      else if (typeof err.extra.retryAt === 'string') c.header('Retry-After', new Date(err.extra.retryAt).toUTCString());
      return c.json({ code: err.code, message: err.message, ...err.extra }, err.status);
    }
    // Disk full, I/O error, database unreachable: nothing was committed half; the client retries.
    if (storageUnavailable(err)) {
      console.error(`${c.req.method} ${c.req.path}: storage unavailable`, err);
      c.header('retry-after', String(STORAGE_RETRY_AFTER_S));
      return c.json({ code: 'storage-unavailable', message: 'the server cannot store data right now; retry later' }, 503);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ code: err.status === 413 ? 'body-too-large' : 'invalid-request', message: err.message }, err.status);
    }
    console.error(`${c.req.method} ${c.req.path} failed`, err);
    return c.json({ code: 'internal-error', message: 'the server failed; this is a bug' }, 500);
  });
  app.notFound((c) => c.json({ code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
