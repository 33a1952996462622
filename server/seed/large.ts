import type { Clock } from '../../shared/domain/clock';
import { systemClock } from '../../shared/domain/clock';
import type { Store } from '../store/types';
import { plantRecords, STATIONS } from './plant';
import { createRng } from './rng';
import { startOfDay, workOrderGroup } from './work-orders';
import { writeGroups, type SeedRecord } from './write';

export interface LargePlantOptions {
  workOrders: number;
  clock?: Clock;
  seed?: number;
}

export interface LargePlantSummary {
  workOrders: number;
  operations: number;
  stationIds: string[];
}

/**
 * A big plant for the benchmark: N work orders (3–6 operations each, ~4.5 on average) written in
 * one transaction, one version per work order. Adds the plant records if the store has none.
 */
export async function seedLargePlant(store: Store, opts: LargePlantOptions): Promise<LargePlantSummary> {
  const clock = opts.clock ?? systemClock;
  const rng = createRng(opts.seed ?? 4_242);
  const now = clock.now();
  const groups: SeedRecord[][] = [];
  if (!(await store.getRecord('stations', STATIONS[0].id))) groups.push(plantRecords());
  let operations = 0;
  for (let i = 0; i < opts.workOrders; i++) {
    const number = `BIG-${String(i + 1).padStart(6, '0')}`;
    const group = workOrderGroup(rng, { idPrefix: 'big-', number, today: startOfDay(now), priority: 1 + (i % 999) });
    operations += group.length - 2;
    groups.push(group);
  }
  await store.transaction((tx) => writeGroups(tx, groups, new Date(now).toISOString()));
  return { workOrders: opts.workOrders, operations, stationIds: STATIONS.map((s) => s.id) };
}
