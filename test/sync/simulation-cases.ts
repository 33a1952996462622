import { expect, it } from 'vitest';
import { runSeed } from './sim/run';

/** Registers one test per seed in [from, from + count): each a full simulation of DESIGN §12. */
export function simulateSeeds(from: number, count: number): void {
  for (let seed = from; seed < from + count; seed++) {
    it(`[S2][S3][S7][C2] seed ${seed}: tablets equal the server, nothing lost, nothing twice, one conflict per clash`, async () => {
      const r = await runSeed(seed);
      expect(r.problems, `seed ${seed} — rerun with: npm run sim -- --from ${seed} --seeds 1 --verbose`).toEqual([]);
    });
  }
}
