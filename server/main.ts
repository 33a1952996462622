import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { systemClock } from '../shared/domain/clock';
import { createApp } from './app';
import { ensureCoordinator } from './auth/bootstrap';
import { purgeExpiredSessions, SESSION_PURGE_EVERY_MS } from './auth/session-expiry';
import { parseSeedSetting, seedIfAsked } from './seed/demo-switch';
import { openStore } from './store/open';
import { DEFAULT_PUSH_RATE_LIMIT } from './sync/rate-limit';
import { CHANGELOG_PURGE_EVERY_MS, purgeChangeLog, readChangeLogDays } from './sync/retention';
import { printBanner } from './banner';
import { readNetworkSettings } from './settings';

const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? './data';
const databaseUrl = process.env.DATABASE_URL || undefined;
const staticDir = process.env.STATIC_DIR ?? 'dist';
const adminPassword = process.env.FLOORBOARD_ADMIN_PASSWORD || undefined;
// Per-device push budget in mutations: a bucket of FLOORBOARD_PUSH_BURST refilled at FLOORBOARD_PUSH_RATE a second.
const pushRateLimit = process.env.FLOORBOARD_PUSH_RATE === '0' ? false : {
  burst: Number(process.env.FLOORBOARD_PUSH_BURST) || DEFAULT_PUSH_RATE_LIMIT.burst,
  perSecond: Number(process.env.FLOORBOARD_PUSH_RATE) || DEFAULT_PUSH_RATE_LIMIT.perSecond,
};
// /api/health says `degraded` when DATA_DIR has less free space than this.
const minFreeBytes = Number(process.env.FLOORBOARD_MIN_FREE_MB) > 0 ? Number(process.env.FLOORBOARD_MIN_FREE_MB) * 1024 * 1024 : undefined;
const network = readNetworkSettings(process.env);
if ('error' in network) {
  console.error(network.error);
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
const { store, pokes, where, close } = await openStore({ databaseUrl, dataDir });
console.log(`store: ${where}`);
const clock = systemClock;
const admin = await ensureCoordinator(store, clock, adminPassword).catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await store.close();
  process.exit(1);
});
// Fewer PBKDF2 rounds for test runs only; the default is the shared PIN_ITERATIONS.
const pinIterations = Number(process.env.FLOORBOARD_PIN_ITERATIONS) || undefined;
const seed = await seedIfAsked(store, clock, seedSetting.value, pinIterations);

// A3: expired sessions are purged at start, at each sign-in and on this timer. A plain function,
// so that with several instances (D3) the one holding the jobs' lease runs it.
await purgeExpiredSessions(store, clock);
const purgeTimer = setInterval(() => {
  purgeExpiredSessions(store, clock).catch((err: unknown) => console.error('session purge failed', err));
}, SESSION_PURGE_EVERY_MS);
purgeTimer.unref();
// D4: tombstones older than FLOORBOARD_CHANGELOG_DAYS leave the change log; a cursor from before
// them answers reset. A plain function too, for the jobs' lease (D3).
await purgeChangeLog(store, clock, changeLogDays);
const changeLogTimer = setInterval(() => {
  purgeChangeLog(store, clock, changeLogDays).catch((err: unknown) => console.error('change-log purge failed', err));
}, CHANGELOG_PURGE_EVERY_MS);
changeLogTimer.unref();

const { trustProxy, enrollmentTtlMs, host } = network;
const app = createApp({
  store, clock, pokes,
  config: { staticDir, adminPassword, version, dataDir, minFreeBytes, pushRateLimit, trustProxy, enrollmentTtlMs },
});
const server = serve({ fetch: app.fetch, port, ...(host ? { hostname: host } : {}) }, (info) => printBanner({ port: info.port, admin, seed, databaseFile: join(dataDir, 'floorboard.sqlite') }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(purgeTimer);
  clearInterval(changeLogTimer);
  console.log(`\n${signal}: closing…`);
  // Open SSE streams would keep close() waiting forever; give them a moment, then go.
  const force = setTimeout(() => process.exit(0), 3_000);
  force.unref();
  server.close(async () => {
    await close();
    process.exit(0);
  });
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
