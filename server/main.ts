import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { systemClock } from '../shared/domain/clock';
import { createApp } from './app';
import { ensureCoordinator } from './auth/bootstrap';
import { createJobsRunner, JOBS_POLL_MS, serverJobs } from './jobs';
import { parseSeedSetting, seedIfAsked } from './seed/demo-switch';
import { openStore } from './store/open';
import { DEFAULT_PUSH_RATE_LIMIT } from './sync/rate-limit';
import { readChangeLogDays } from './sync/retention';
import { printBanner } from './banner';
import { readMaxBlobBytes, readNetworkSettings } from './settings';

const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? './data';
const databaseUrl = process.env.DATABASE_URL || undefined;
const staticDir = process.env.STATIC_DIR ?? 'dist';
const adminPassword = process.env.FLOORBOARD_ADMIN_PASSWORD || undefined;
// Per-device push budget in mutations: a bucket of FLOORBOARD_PUSH_BURST refilled at FLOORBOARD_PUSH_RATE a second.
const pushRateLimit =
  process.env.FLOORBOARD_PUSH_RATE === '0'
    ? false
    : {
        burst: Number(process.env.FLOORBOARD_PUSH_BURST) || DEFAULT_PUSH_RATE_LIMIT.burst,
        perSecond: Number(process.env.FLOORBOARD_PUSH_RATE) || DEFAULT_PUSH_RATE_LIMIT.perSecond,
      };
// /api/health says `degraded` when DATA_DIR has less free space than this.
const minFreeBytes = Number(process.env.FLOORBOARD_MIN_FREE_MB) > 0 ? Number(process.env.FLOORBOARD_MIN_FREE_MB) * 1024 * 1024 : undefined;
// How often each instance asks for the jobs' leases (D3): a dead holder's jobs move within this.
const jobsPollMs = Number(process.env.FLOORBOARD_JOBS_POLL_MS) > 0 ? Number(process.env.FLOORBOARD_JOBS_POLL_MS) : JOBS_POLL_MS;
// Event-stream heartbeat: below the idle timeout of every proxy in front (default HEARTBEAT_MS).
const heartbeatMs = Number(process.env.FLOORBOARD_HEARTBEAT_MS) >= 1_000 ? Number(process.env.FLOORBOARD_HEARTBEAT_MS) : undefined;
const network = readNetworkSettings(process.env);
if ('error' in network) {
  console.error(network.error);
  process.exit(1);
}
const maxBlobBytes = readMaxBlobBytes(process.env);
if (typeof maxBlobBytes === 'object') {
  console.error(maxBlobBytes.error);
  process.exit(1);
}
const changeLogDays = readChangeLogDays(process.env);
if (typeof changeLogDays !== 'number') {
  console.error(changeLogDays.error);
  process.exit(1);
}
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const seedSetting = parseSeedSetting(process.env.FLOORBOARD_SEED);
if (!seedSetting.ok) {
  console.error(seedSetting.message);
  process.exit(1);
}

// Migrations run here, on either store (DESIGN §11).
const { store, pokes, revocations, leases, blobs, where, close } = await openStore({ databaseUrl, dataDir });
console.log(`store: ${where}`);
const clock = systemClock;
const admin = await ensureCoordinator(store, clock, adminPassword).catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await store.close();
  process.exit(1);
});
// Fewer PBKDF2 rounds for test runs only; the default is the shared PIN_ITERATIONS.
const pinIterations = Number(process.env.FLOORBOARD_PIN_ITERATIONS) || undefined;
const seed = await seedIfAsked(store, clock, seedSetting.value, pinIterations, blobs);

// D3: each server job runs on the instance holding its lease on PostgreSQL (all of this
// instance's leases on one connection; always here on SQLite, which has one instance); the
// first round, before listening, purges expired sessions (A3) and the change log's old
// tombstones (D4).
const jobs = createJobsRunner({
  jobs: serverJobs(store, clock, { changeLogDays }),
  clock,
  pollMs: jobsPollMs,
  lease: leases?.lease,
});
await jobs.tick();
jobs.start();

const { trustProxy, enrollmentTtlMs, host } = network;
// On PostgreSQL the data lives on the database server: DATA_DIR holds nothing, so /api/health
// reports no disk of this instance (it said `degraded` for a directory no one had made).
const healthDir = databaseUrl ? undefined : dataDir;
const app = createApp({
  store,
  clock,
  pokes,
  revocations,
  blobs,
  config: { staticDir, adminPassword, version, dataDir: healthDir, minFreeBytes, pushRateLimit, trustProxy, enrollmentTtlMs, heartbeatMs, maxBlobBytes },
});
const server = serve({ fetch: app.fetch, port, ...(host ? { hostname: host } : {}) }, (info) =>
  printBanner({ port: info.port, admin, seed, databaseFile: join(dataDir, 'floorboard.sqlite') }),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing…`);
  // The leases go first, so another instance takes the jobs over at its next round.
  const jobsStopped = jobs.stop().catch((err: unknown) => console.error('jobs: stopping failed', err));
  // Open SSE streams would keep close() waiting forever; give them a moment, then go.
  const force = setTimeout(() => process.exit(0), 3_000);
  force.unref();
  server.close(async () => {
    await jobsStopped;
    await close();
    process.exit(0);
  });
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
