import type { Plan } from './requests';
import type { FuzzWorld } from './world';

/** The seed `npm test` fuzzes with (endpoint i uses FUZZ_SEED + i); `FUZZ_SEED=…` picks another. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** One case: the status it got, or undefined when no client could send it. Throws on a broken invariant. */
export async function runCase(world: FuzzWorld, plan: Plan): Promise<number | undefined> {
  const r = await world.prepare(plan);
  return r ? world.check(r) : undefined;
}
