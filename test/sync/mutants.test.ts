import { describe, expect, it } from 'vitest';
import type { Mutant } from './sim/mutants';
import { runSeed } from './sim/run';

/**
 * The simulation's checks can fail (STYLE habit 8): the same seeds that pass against the real
 * server fail against a deliberately broken one (test/sync/sim/mutants.ts), each with the problem
 * its checker names. Seeds 5 and 9 each have a conflicting start, notes and quantity reports.
 */
const SEEDS = [5, 9];
const STEPS = 30;

const CASES: [Mutant, RegExp, string][] = [
  ['conflicts-applied', /expected conflict operation-already-running, server said applied/, '[C2] every expected conflict is there'],
  ['conflicts-anonymous', /^conflict .*: says \{"kept":.*"other":null\}, must say/, '[C2] a conflict names the other side'],
  ['notes-dropped', /^note .*: must be in the server's state/, '[C1] every applied note is stored as written'],
  ['reports-stored-twice', /^quantityReports\/.*-again: on the server, but no applied mutation made it/, '[S2] nothing is stored twice'],
  ['replays-answer-applied', /^replayed .* answered applied; its first outcome was (rejected|conflict)/, '[S2] a replayed push answers the first outcome'],
];

describe('the simulation catches a broken server', () => {
  it('the seeds pass against the real server', async () => {
    for (const seed of SEEDS) expect((await runSeed(seed, { steps: STEPS })).problems).toEqual([]);
  });
  for (const [mutant, problem, what] of CASES) {
    it(`${what}: a server with "${mutant}" fails every seed`, async () => {
      for (const seed of SEEDS) {
        const r = await runSeed(seed, { steps: STEPS, mutant });
        expect(
          r.problems.some((p) => problem.test(p)),
          `seed ${seed}: ${r.problems.join('\n')}`,
        ).toBe(true);
      }
    });
  }
});
