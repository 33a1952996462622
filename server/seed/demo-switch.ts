import type { Clock } from '../../shared/domain/clock';
import { COORDINATOR_USER_ID } from '../auth/bootstrap';
import type { Store } from '../store/types';
import type { BlobStore } from '../blobs/types';
import { seedDemoPlant, type DemoSeedSummary } from './demo';

/**
 * `FLOORBOARD_SEED`: unset (or `0`, kept from when seeding was the default) loads nothing; `demo`
 * loads the demo plant. The demo publishes its PINs, so it is never loaded by default.
 */
export type SeedSetting = 'none' | 'demo';

/** Parses FLOORBOARD_SEED; anything else is an error in words, so a typo never seeds by surprise. */
export function parseSeedSetting(raw: string | undefined): { ok: true; value: SeedSetting } | { ok: false; message: string } {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'none') return { ok: true, value: 'none' };
  if (v === 'demo') return { ok: true, value: 'demo' };
  return {
    ok: false,
    message: `FLOORBOARD_SEED=${raw} is not a setting: use FLOORBOARD_SEED=demo (or \`npm run demo\`) to load the demo plant into an empty database, or leave it unset.`,
  };
}

/**
 * Records besides the first coordinator's own user record and audit links. A database that holds
 * nothing else is empty: `npm start` made it, no plant was loaded into it.
 */
export async function plantRecordCount(store: Store): Promise<number> {
  const coordinator = await store.getRecord('users', COORDINATOR_USER_ID);
  return (await store.countRecords()) - (await store.countRecords('audit')) - (coordinator ? 1 : 0);
}

export type SeedOutcome =
  | { kind: 'none' }
  | { kind: 'seeded'; summary: DemoSeedSummary }
  /** The database already held a plant: nothing was written. */
  | { kind: 'refused'; records: number };

/** Loads the demo plant when asked to and the database is empty; never writes into a plant. */
export async function seedIfAsked(store: Store, clock: Clock, setting: SeedSetting, pinIterations?: number, blobs?: BlobStore): Promise<SeedOutcome> {
  if (setting !== 'demo') return { kind: 'none' };
  const records = await plantRecordCount(store);
  if (records > 0) return { kind: 'refused', records };
  return { kind: 'seeded', summary: await seedDemoPlant(store, { clock, pinIterations, blobs }) };
}
