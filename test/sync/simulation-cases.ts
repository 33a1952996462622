import { beforeAll, expect, it } from 'vitest';
import { addCoverage, describeCoverage, emptyCoverage, uncovered, type Coverage } from './sim/coverage';
import { runSeedsInProcesses } from './sim/pool';

/** Steps per seed in `npm test`: small seeds, many of them (the CLI runs longer ones). */
export const SIM_STEPS = 30;

/**
 * Registers one test per seed in [from, from + count), each a full simulation of DESIGN §12, and
 * one that fails when the seeds together exercised no conflict, rejection, restart with pushes in
 * flight or crash. The seeds run up front in child processes (both cores); each test then reports.
 * `env` goes to those processes: which server they run on.
 */
export function simulateSeeds(from: number, count: number, env: () => Record<string, string> = () => ({})): void {
  let results = new Map<number, string[]>();
  const perSeed = new Map<number, Coverage>();
  beforeAll(async () => {
    results = await runSeedsInProcesses(from, count, SIM_STEPS, undefined, false, perSeed, env());
  }, 600_000);
  for (let seed = from; seed < from + count; seed++) {
    it(`[S2][S3][S7][C2] seed ${seed}: tablets equal the server, nothing lost, nothing twice, one conflict per clash`, () => {
      expect(results.get(seed), `rerun with: npm run sim -- --from ${seed} --seeds 1 --steps ${SIM_STEPS} --verbose`).toEqual([]);
    });
  }
  it(`[C2][S5] seeds ${from}–${from + count - 1} exercised conflicts, rejections, restarts with pushes in flight and crashes`, () => {
    const total = [...perSeed.values()].reduce(addCoverage, emptyCoverage());
    expect(uncovered(total), describeCoverage(total)).toEqual([]);
  });
}
