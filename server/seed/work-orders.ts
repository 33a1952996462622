import type { Rng } from './rng';
import type { StationId } from './plant';
import type { SeedRecord } from './write';
import { familyDocumentIds, type FamilyInfo } from './documents';
import { coverBarcode } from '../../shared/domain/mutators/travelers';

type Step = [StationId, string, number];

/** Product families with their routings: station, operation name, ideal cycle seconds. */
const FAMILIES: { prefix: string; description: string; routing: Step[] }[] = [
  {
    prefix: 'HM',
    description: 'Hydraulic manifold block, 6061-T6',
    routing: [
      ['st-mill-1', 'Rough mill all faces', 420],
      ['st-5axis-1', 'Finish ports and cross-drills', 780],
      ['st-assembly-1', 'Install plugs and fittings', 240],
      ['st-test-1', 'Pressure test 3000 psi', 300],
    ],
  },
  {
    prefix: 'DS',
    description: 'Drive shaft, 4140 steel',
    routing: [
      ['st-lathe-1', 'Turn OD and face ends', 360],
      ['st-mill-1', 'Mill keyways', 180],
      ['st-test-1', 'Runout inspection', 120],
    ],
  },
  {
    prefix: 'MB',
    description: 'Motor mounting bracket weldment',
    routing: [
      ['st-laser-1', 'Laser cut blanks', 90],
      ['st-brake-1', 'Form flanges', 120],
      ['st-weld-1', 'Robotic MIG weld', 300],
      ['st-assembly-1', 'Insert PEM nuts and inspect', 150],
    ],
  },
  {
    prefix: 'CE',
    description: 'Control enclosure, 14 ga. stainless',
    routing: [
      ['st-laser-1', 'Laser cut panels', 150],
      ['st-brake-1', 'Bend panels', 240],
      ['st-weld-1', 'Weld seams', 600],
      ['st-assembly-1', 'Fit door, gasket and DIN rail', 900],
      ['st-test-1', 'IP66 spray test', 600],
    ],
  },
  {
    prefix: 'GH',
    description: 'Gearbox housing assembly',
    routing: [
      ['st-mill-1', 'Mill mounting faces', 540],
      ['st-lathe-1', 'Bore bearing seats', 480],
      ['st-5axis-1', 'Drill and tap pattern', 660],
      ['st-weld-1', 'Weld breather boss', 240],
      ['st-assembly-1', 'Press bearings, fit seals', 1200],
      ['st-test-1', 'Run-in and noise test', 900],
    ],
  },
  {
    prefix: 'FR',
    description: 'Conveyor side frame',
    routing: [
      ['st-laser-1', 'Laser cut rails', 120],
      ['st-brake-1', 'Form channel', 180],
      ['st-weld-1', 'Weld cross members', 420],
    ],
  },
  {
    prefix: 'PB',
    description: 'Pump base plate, A36 steel',
    routing: [
      ['st-laser-1', 'Plasma/laser cut plate', 240],
      ['st-weld-1', 'Weld gussets', 480],
      ['st-mill-1', 'Face and drill mounting pads', 720],
      ['st-assembly-1', 'Paint prep and masking', 300],
      ['st-test-1', 'Flatness inspection', 180],
    ],
  },
  {
    prefix: 'VA',
    description: 'Pneumatic valve actuator',
    routing: [
      ['st-lathe-1', 'Turn piston and rod', 300],
      ['st-mill-1', 'Mill end caps', 420],
      ['st-5axis-1', 'Port body', 540],
      ['st-assembly-1', 'Assemble seals and springs', 600],
      ['st-test-1', 'Leak and stroke test', 240],
      ['st-assembly-1', 'Pack and label', 60],
    ],
  },
];

/** The families as the seed's documents need them (T2). */
export const FAMILY_INFO: FamilyInfo[] = FAMILIES.map((f) => ({ prefix: f.prefix, description: f.description, operations: f.routing.map((s) => s[1]) }));

const DAY = 86_400_000;

export interface WorkOrderOptions {
  /** Prefix for ids, so a big plant does not collide with the demo's. */
  idPrefix: string;
  number: string;
  /** Midnight of the seed day, in ms: due dates spread around it. */
  today: number;
  priority: number;
}

/** One work order with its routing and released traveler, as one group of seed records. */
export function workOrderGroup(rng: Rng, o: WorkOrderOptions): SeedRecord[] {
  const fam = rng.pick(FAMILIES);
  const woId = `${o.idPrefix}wo-${o.number}`;
  const revision = rng.pick(['A', 'B', 'C', 'D']);
  const routing = fam.routing;
  const stationIds = [...new Set(routing.map((s) => s[0]))];
  const quantity = rng.pick([5, 10, 12, 20, 24, 25, 40, 50, 60, 100, 120, 150, 250]);
  const partNumber = `${fam.prefix}-${rng.int(1000, 9999)}-${String(rng.int(1, 12)).padStart(2, '0')}`;
  const operations = routing.map(([stationId, name, cycle], i) => ({
    id: `${o.idPrefix}op-${o.number}-${(i + 1) * 10}`,
    workOrderId: woId,
    seq: (i + 1) * 10,
    stationId,
    name,
    idealCycleSeconds: cycle,
    status: 'pending',
    good: 0,
    scrap: 0,
    lastChange: null,
  }));
  const workOrder = {
    id: woId,
    number: o.number,
    partNumber,
    description: fam.description,
    revision,
    quantity,
    dueAt: new Date(o.today + rng.int(-3, 14) * DAY + 14 * 3_600_000).toISOString(),
    priority: o.priority,
    status: 'released',
    operationCount: operations.length,
    stationIds,
    routing: routingOf(operations),
  };
  // T1: the released traveler with its family's documents (T2); flags (T6) are the demo's to add.
  const traveler = {
    id: `${o.idPrefix}trv-${o.number}`,
    workOrderId: woId,
    barcode: coverBarcode(o.number, revision),
    revision,
    status: 'released',
    documentIds: familyDocumentIds(fam.prefix),
    flags: [],
    notes: '',
    releasedAt: new Date(o.today - DAY).toISOString(),
    releasedBy: 'system',
    stationIds,
  };
  return [
    { entity: 'workOrders', value: workOrder },
    ...operations.map((value) => ({ entity: 'operations' as const, value })),
    { entity: 'travelers', value: traveler },
  ];
}

/** The work order's routing summary (where each operation stands) from its operations. */
export function routingOf(ops: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return ops.map((o) => ({ operationId: o.id, seq: o.seq, stationId: o.stationId, name: o.name, status: o.status }));
}

/** Midnight UTC of the day `now` falls on. */
export const startOfDay = (now: number): number => Math.floor(now / DAY) * DAY;
