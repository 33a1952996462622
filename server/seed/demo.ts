import type { Clock } from '../../shared/domain/clock';
import type { Store } from '../store/types';
import { userSecrets, DEMO_USERS } from './people';
import { plantRecords } from './plant';
import { createRng } from './rng';
import { FAMILY_INFO, routingOf, startOfDay, workOrderGroup } from './work-orders';
import { documentRecords } from './documents';
import type { BlobStore } from '../blobs/types';
import type { SpecialFlag } from '../../shared/schema';
import { writeGroups, type SeedRecord } from './write';

export { DEMO_USERS } from './people';
export { STATIONS, DEPARTMENTS } from './plant';
export { seedLargePlant } from './large';

export interface DemoSeedOptions {
  clock: Clock;
  /** PBKDF2 rounds of the PIN verifiers; tests pass a few to stay fast. */
  pinIterations?: number;
  seed?: number;
  workOrders?: number;
  /**
   * Where the documents' files go (T2). Without one the document records still name them, for
   * callers that never serve a file (the sync simulation, the CLI tests).
   */
  blobs?: BlobStore;
}

export interface DemoSeedSummary {
  workOrders: number;
  operations: number;
  users: typeof DEMO_USERS;
}

const HOUR = 3_600_000;

/** Some jobs are under way: the first operation done, the second running with parts reported. */
function startSome(group: SeedRecord[], rng: ReturnType<typeof createRng>): void {
  const wo = group[0]!.value;
  const ops = group.filter((r) => r.entity === 'operations').map((r) => r.value);
  const qty = wo.quantity as number;
  Object.assign(ops[0]!, { status: 'completed', good: qty - 1, scrap: 1 });
  if (ops[1]) Object.assign(ops[1], { status: 'running', good: rng.int(0, Math.floor(qty / 2)), scrap: 0 });
  wo.status = 'in-progress';
  wo.routing = routingOf(ops);
}

/** T6: a few jobs carry special requirements, on jobs the seed has not started (so their first operation is ahead). */
const SPECIAL: Record<number, { flags: SpecialFlag[]; notes: string }> = {
  1: { flags: ['first-article'], notes: 'First article: full dimensional report to quality before the batch runs.' },
  2: { flags: ['npi', 'trial'], notes: 'New part, trial run of 5: engineering attends the first setup; note every deviation.' },
  6: { flags: ['customer-special'], notes: 'Customer requires the heat lot on every part tag and photos of the packed crate.' },
  12: { flags: ['first-article', 'customer-special'], notes: 'First article witnessed by the customer: call quality 30 min before.' },
};

/** The deterministic demo plant that `npm run demo` loads into an empty database (DESIGN §1). */
export async function seedDemoPlant(store: Store, opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const rng = createRng(opts.seed ?? 20_261_121);
  const now = opts.clock.now();
  const today = startOfDay(now);
  const count = opts.workOrders ?? 40;
  const groups: SeedRecord[][] = [];
  for (let i = 0; i < count; i++) {
    const group = workOrderGroup(rng, { idPrefix: '', number: `WO-${241001 + i}`, today, priority: i + 1 });
    if (i % 5 === 0) startSome(group, rng);
    const special = SPECIAL[i];
    if (special) Object.assign(group.find((r) => r.entity === 'travelers')!.value, special);
    groups.push(group);
  }
  const travelers = groups.flatMap((g) => g.filter((r) => r.entity === 'travelers').map((r) => r.value));
  const documents = await documentRecords(FAMILY_INFO, travelers, opts.blobs);
  const wo = (i: number) => groups[i]![0]!.value;
  const iso = (t: number) => new Date(t).toISOString();
  const coordinator = DEMO_USERS[0].id;
  const changes: SeedRecord[] = [
    {
      entity: 'scheduleChanges',
      value: {
        id: 'sc-demo-expedite',
        kind: 'expedite',
        requiresAck: true,
        postedBy: coordinator,
        postedAt: iso(now - 2 * HOUR),
        message: `${wo(3).number} expedited: customer line down. Run it next; ship partials as they pass test.`,
        stationIds: wo(3).stationIds,
        workOrderIds: [wo(3).id],
      },
    },
    {
      entity: 'scheduleChanges',
      value: {
        id: 'sc-demo-laser-pm',
        kind: 'note',
        requiresAck: false,
        postedBy: coordinator,
        postedAt: iso(now - HOUR),
        message: 'Laser nitrogen delivery tomorrow 10:00: plan a 30 min stop on the Trumpf.',
        stationIds: ['st-laser-1'],
        workOrderIds: [],
      },
    },
    {
      entity: 'holds',
      value: {
        id: 'hold-demo-material',
        workOrderId: wo(7).id,
        operationId: null,
        kind: 'material',
        status: 'open',
        reason: 'Bar stock cert missing: do not start until receiving inspection signs off.',
        placedBy: coordinator,
        placedDeviceId: 'console',
        placedAt: iso(now - 3 * HOUR),
        releasedBy: null,
        releasedDeviceId: null,
        releasedAt: null,
        stationIds: wo(7).stationIds,
      },
    },
  ];
  const users = await userSecrets(opts.pinIterations);
  await store.transaction(async (tx) => {
    // The documents before the travelers that list them, so a tablet's first pull pages them in first.
    await writeGroups(tx, [plantRecords(), users.records, documents, ...groups, changes], iso(now));
    for (const k of users.proofKeys) await tx.setProofKey(k.userId, k.key);
  });
  const operations = groups.reduce((n, g) => n + g.filter((r) => r.entity === 'operations').length, 0);
  return { workOrders: count, operations, users: DEMO_USERS };
}
