import { describe, expect, it } from 'vitest';
import { runSeed } from './sim/run';

/**
 * Every seed that once failed the simulation, kept as a named test (STYLE: tldraw's fuzz habit).
 * The name says what broke; the fix is in the commit that added it.
 */
const REGRESSIONS: [seed: number, steps: number, what: string][] = [
  // The simulation's own bug: after a tablet reload the fresh-pull check read the closed Dexie.
  [2, 40, 'a reloaded tablet is checked through its reopened database'],
];

describe('sync simulation regressions', () => {
  for (const [seed, steps, what] of REGRESSIONS) {
    it(`seed ${seed}: ${what}`, async () => {
      const r = await runSeed(seed, { steps });
      expect(r.problems).toEqual([]);
    });
  }
});
