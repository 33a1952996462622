import { configDefaults, defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

/**
 * The test files that also run against PostgreSQL. They form a project of their own whose
 * globalSetup starts one PostgreSQL server for the run (test/support/postgres.ts), so a run of
 * other files never waits for one.
 */
const POSTGRES_FILES = [
  'test/server/store-postgres.test.ts',
  'test/server/store-open.test.ts',
  'test/server/store-pokes.test.ts',
  'test/server/store-lease.test.ts',
  'test/server/push.test.ts',
  'test/server/corrections.test.ts',
  'test/server/pull.test.ts',
  'test/server/people.test.ts',
  'test/server/plant.test.ts',
  'test/server/plant-settings.test.ts',
  'test/server/users.test.ts',
  'test/server/reenroll.test.ts',
  'test/server/pull-total.test.ts',
  'test/server/blob-store-postgres.test.ts',
  'test/server/blobs.test.ts',
  'test/ops/migrate-postgres.test.ts',
  'test/ops/backup-postgres.test.ts',
  'test/ops/users-cli-postgres.test.ts',
  'test/multi/revocations.test.ts',
  'test/multi/jobs.test.ts',
  'test/multi/cluster.test.ts',
  'test/sync/simulation-postgres.test.ts',
];

/**
 * Browser tests that run on both stores: in the main project on SQLite, and again in the postgres
 * project, where the harness (`e2eStore()`) starts the real server with DATABASE_URL.
 */
const BOTH_STORES_FILES = ['test/e2e/offline-two-stations.test.ts', 'test/e2e/server-restart.test.ts'];

export default defineConfig({
  plugins: [solid()],
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/support/catalogues.ts'],
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: [...configDefaults.exclude, ...POSTGRES_FILES] } },
      { extends: true, test: { name: 'postgres', include: [...POSTGRES_FILES, ...BOTH_STORES_FILES], globalSetup: ['test/support/postgres-setup.ts'] } },
    ],
  },
});
