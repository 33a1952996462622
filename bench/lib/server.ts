import { rmSync } from 'node:fs';
import { ADMIN_PASSWORD, coordinatorCookie, createEnrollmentCode, startServer, type RunningServer } from '../../test/e2e/harness';
import { copyPlant, type SeededPlant } from './plant';

export { ADMIN_PASSWORD };

export interface BenchServer {
  url: string;
  server: RunningServer;
  cookie: string;
  /** A one-time enrollment code for a new device at these stations. */
  enrollmentCode(name: string, stationIds: string[]): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * The real server (`server/main.ts`, a separate process on loopback) over a fresh copy of the
 * seeded database. `env` can add e.g. NODE_OPTIONS=--cpu-prof for a profile.
 */
export async function startBenchServer(plant: SeededPlant, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = copyPlant(plant);
  const server = await startServer({ env: { DATA_DIR: dataDir, ...env } });
  const cookie = await coordinatorCookie(server.url);
  return {
    url: server.url,
    server,
    cookie,
    enrollmentCode: (name, stationIds) => createEnrollmentCode(server.url, cookie, name, stationIds),
    async dispose() {
      // A soft stop lets the server flush a --cpu-prof profile; dispose() then kills for sure.
      await server.stop(false);
      await server.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
