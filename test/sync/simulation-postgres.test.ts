import { describe, expect, inject, it } from 'vitest';
import { runSeed } from './sim/run';
import { SIM_POSTGRES_ENV } from './sim/server-postgres';
import { simulateSeeds, SIM_STEPS } from './simulation-cases';

// The simulation against two server instances on one PostgreSQL database (D3): the tablets spread
// over both, the console on one, restarts take one instance down while the other serves, the
// crash seeds SIGKILL one instance's process mid-transaction. Every check is the SQLite run's.
const env = () => ({ FLOORBOARD_SIM_SERVER: 'postgres-2', [SIM_POSTGRES_ENV]: inject('postgresUrl') });

describe('sync simulation (DESIGN §12) on PostgreSQL, two instances, seeds 1–40', () => simulateSeeds(1, 40, env));

describe('the simulation catches a broken server on PostgreSQL too', () => {
  // Seeds whose runs on two instances usually meet expected conflicts (they pass above;
  // mutants.test.ts does every mutant on SQLite). Real I/O decides some interleavings, so a run
  // is held to the conflicts its oracle expected, and the seeds together must expect some.
  const SEEDS = [8, 9, 28, 38];
  it('[C2] a server that records conflicts as applied fails every seed that expected a conflict', async () => {
    process.env[SIM_POSTGRES_ENV] = inject('postgresUrl');
    let expected = 0;
    for (const seed of SEEDS) {
      const r = await runSeed(seed, { steps: SIM_STEPS, server: 'postgres-2', mutant: 'conflicts-applied' });
      const conflicts = Object.values(r.coverage.conflicts).reduce((s, n) => s + n, 0);
      expected += conflicts;
      if (conflicts)
        expect(
          r.problems.some((p) => /expected conflict .*, server said applied/.test(p)),
          `seed ${seed}: ${r.problems.join('\n')}`,
        ).toBe(true);
    }
    expect(expected).toBeGreaterThan(0);
  }, 120_000);
});
