import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { systemClock } from '../shared/domain/clock';
import { createApp } from './app';
import { ensureCoordinator } from './auth/bootstrap';
import { seedDemoPlant } from './seed/demo';
import { openStore } from './store/open';
import { printBanner } from './banner';

const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? './data';
const databaseUrl = process.env.DATABASE_URL || undefined;
const staticDir = process.env.STATIC_DIR ?? 'dist';
const adminPassword = process.env.FLOORBOARD_ADMIN_PASSWORD || undefined;
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Migrations run here, on either store (DESIGN §11).
const { store, pokes, where, close } = await openStore({ databaseUrl, dataDir });
console.log(`store: ${where}`);
const clock = systemClock;
const admin = await ensureCoordinator(store, clock, adminPassword);
const empty = (await store.countRecords('stations')) === 0;
// Fewer PBKDF2 rounds for test runs only; the default is the shared PIN_ITERATIONS.
const pinIterations = Number(process.env.FLOORBOARD_PIN_ITERATIONS) || undefined;
const seeded = empty && process.env.FLOORBOARD_SEED !== '0' ? await seedDemoPlant(store, { clock, pinIterations }) : undefined;

const app = createApp({ store, clock, pokes, config: { staticDir, adminPassword, version } });
const server = serve({ fetch: app.fetch, port }, (info) => printBanner({ port: info.port, admin, seeded: Boolean(seeded) }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
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
