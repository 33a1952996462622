import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { systemClock } from '../shared/domain/clock';
import { createApp } from './app';
import { ensureCoordinator } from './auth/bootstrap';
import { seedDemoPlant } from './seed/demo';
import { createSqliteStore } from './store/sqlite';
import { createPokes } from './sync/pokes';
import { DEFAULT_PUSH_RATE_LIMIT } from './sync/rate-limit';
import { printBanner } from './banner';
import { readNetworkSettings } from './settings';

const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? './data';
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
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

mkdirSync(dataDir, { recursive: true });
const store = await createSqliteStore({ file: join(dataDir, 'floorboard.sqlite'), backgroundCheckpoint: true });
const clock = systemClock;
const admin = await ensureCoordinator(store, clock, adminPassword);
const empty = (await store.countRecords('stations')) === 0;
// Fewer PBKDF2 rounds for test runs only; the default is the shared PIN_ITERATIONS.
const pinIterations = Number(process.env.FLOORBOARD_PIN_ITERATIONS) || undefined;
const seeded = empty && process.env.FLOORBOARD_SEED !== '0' ? await seedDemoPlant(store, { clock, pinIterations }) : undefined;

const { trustProxy, enrollmentTtlMs, host } = network;
const app = createApp({
  store, clock, pokes: createPokes(),
  config: { staticDir, adminPassword, version, dataDir, minFreeBytes, pushRateLimit, trustProxy, enrollmentTtlMs },
});
const server = serve({ fetch: app.fetch, port, ...(host ? { hostname: host } : {}) }, (info) => printBanner({ port: info.port, admin, seeded: Boolean(seeded) }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing…`);
  // Open SSE streams would keep close() waiting forever; give them a moment, then go.
  const force = setTimeout(() => process.exit(0), 3_000);
  force.unref();
  server.close(async () => {
    await store.close();
    process.exit(0);
  });
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
