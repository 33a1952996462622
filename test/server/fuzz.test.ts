import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATORS } from '../../shared/domain/mutators';
import { ENDPOINTS, type Endpoint } from './fuzz/requests';
import { runCase, FUZZ_SEED } from './fuzz/run';
import { makeFuzzWorld, type FuzzWorld } from './fuzz/world';

/** 1,000 cases in `npm test`, spread by how much each endpoint takes in; `npm run fuzz` runs any number. */
const RUNS: Record<Endpoint, number> = {
  push: 300,
  pull: 100,
  events: 40,
  session: 90,
  devices: 120,
  audit: 40,
  health: 40,
  static: 120,
  users: 50,
  people: 50,
  plant: 50,
};

describe('[X4] every endpoint is fuzzed: no input gives a 500 or harms a stored record', () => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await makeFuzzWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  ENDPOINTS.forEach((endpoint, i) => {
    it(`[X4] ${endpoint} (${RUNS[endpoint]} cases, seed ${FUZZ_SEED + i})`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(world.plans[endpoint], async (plan) => {
          const status = await runCase(world, plan);
          if (status !== undefined) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
        { numRuns: RUNS[endpoint], seed: FUZZ_SEED + i, endOnFailure: true },
      );
      // A fuzz that only ever met the same wall proves nothing: it must have been let in and turned away.
      const codes = [...statuses.keys()];
      expect(
        codes.some((s) => s < 300),
        `statuses ${JSON.stringify([...statuses])}`,
      ).toBe(true);
      expect(
        codes.some((s) => s >= 400),
        `statuses ${JSON.stringify([...statuses])}`,
      ).toBe(true);
      // The office routes' fuzz must get writes through (a 201 create, a 204 PIN, password or disable), not only refusals.
      if (endpoint === 'users' || endpoint === 'people' || endpoint === 'plant') {
        expect(
          codes.some((s) => s === 201 || s === 204),
          `statuses ${JSON.stringify([...statuses])}`,
        ).toBe(true);
      }
      // The push fuzz must reach the mutators, not only the envelope's schema.
      if (endpoint === 'push') {
        expect(Math.min(world.stats.applied, world.stats.refused)).toBeGreaterThan(0);
        expect([...world.stats.appliedNames].sort(), 'mutations of the catalogue the fuzz got applied').toEqual(Object.keys(MUTATORS).sort());
      }
    });
  });
  it('[A4] after all of it, the audit chain verifies end to end', async () => {
    expect(await world.verify()).toMatchObject({ ok: true });
  });
});
