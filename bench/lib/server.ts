import { rmSync } from 'node:fs';
import { ADMIN_PASSWORD, coordinatorCookie, createEnrollmentCode, startServer, type RunningServer } from '../../test/e2e/harness';
import { copyPlant, type SeededPlant } from './plant';

export { ADMIN_PASSWORD };

export interface BenchServer {
  /** The first instance: enrollment and the console go through it. */
  url: string;
  /** Every instance (one on SQLite); the load spreads its tablets over them. */
  urls: string[];
  server: RunningServer;
  /** The SQLite server's data directory (its database file); undefined on PostgreSQL. */
  dataDir?: string;
  cookie: string;
  /** A one-time enrollment code for a new device at these stations. */
  enrollmentCode(name: string, stationIds: string[]): Promise<string>;
  dispose(): Promise<void>;
}

async function bench(servers: RunningServer[], cleanup: () => Promise<void>, dataDir?: string): Promise<BenchServer> {
  const server = servers[0]!;
  const cookie = await coordinatorCookie(server.url);
  return {
    url: server.url,
    urls: servers.map((s) => s.url),
    server,
    dataDir,
    cookie,
    enrollmentCode: (name, stationIds) => createEnrollmentCode(server.url, cookie, name, stationIds),
    async dispose() {
      // A soft stop lets the server flush a --cpu-prof profile; dispose() then kills for sure.
      for (const s of servers) await s.stop(false);
      for (const s of servers) await s.dispose();
      await cleanup();
    },
  };
}

/**
 * The real server (`server/main.ts`, a separate process on loopback) over a fresh copy of the
 * seeded database. `env` can add e.g. NODE_OPTIONS=--cpu-prof for a profile.
 */
export async function startBenchServer(plant: SeededPlant, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = copyPlant(plant);
  const server = await startServer({ env: { DATA_DIR: dataDir, ...env } });
  return bench([server], async () => rmSync(dataDir, { recursive: true, force: true }), dataDir);
}

/**
 * `instances` server processes sharing one PostgreSQL database (D3), each on its own loopback
 * port, started one after another (each runs the migrations, which find nothing to do after the
 * first). `drop` removes the database once they are all stopped.
 */
export async function startBenchCluster(databaseUrl: string, instances: number, drop: () => Promise<void>): Promise<BenchServer> {
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServer({ env: { DATABASE_URL: databaseUrl } }));
    return await bench(servers, drop);
  } catch (err) {
    for (const s of servers) await s.dispose();
    await drop();
    throw err;
  }
}
