import { beforeAll, expect, it } from 'vitest';
import { runSeedsInProcesses } from './sim/pool';

/** Steps per seed in `npm test`: small seeds, many of them (the CLI runs longer ones). */
export const SIM_STEPS = 30;

/**
 * Registers one test per seed in [from, from + count), each a full simulation of DESIGN §12. The
 * seeds run up front in child processes (both cores); each test then reports its own seed.
 */
export function simulateSeeds(from: number, count: number): void {
  let results = new Map<number, string[]>();
  beforeAll(async () => {
    results = await runSeedsInProcesses(from, count, SIM_STEPS);
  }, 600_000);
  for (let seed = from; seed < from + count; seed++) {
    it(`[S2][S3][S7][C2] seed ${seed}: tablets equal the server, nothing lost, nothing twice, one conflict per clash`, () => {
      expect(results.get(seed), `rerun with: npm run sim -- --from ${seed} --seeds 1 --steps ${SIM_STEPS} --verbose`).toEqual([]);
    });
  }
}
