import type { Clock } from '../../shared/domain/clock';
import { systemClock } from '../../shared/domain/clock';
import type { Store } from '../store/types';
import { plantRecords, STATIONS } from './plant';
import { createRng } from './rng';
import { FAMILY_INFO, startOfDay, workOrderGroup } from './work-orders';
import { documentRecords } from './documents';
import type { BlobStore } from '../blobs/types';
import { writeGroups, type SeedRecord } from './write';

export interface LargePlantOptions {
  workOrders: number;
  clock?: Clock;
  seed?: number;
  /** Where the documents' files go, if anywhere: every work order reuses the same few (T2). */
  blobs?: BlobStore;
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
  // The travelers' documents, unless the store has them (the demo wrote them, or an earlier run).
  if (!(await store.getRecord('documents', 'doc-dwg-hm'))) {
    const travelers = groups.flatMap((g) => g.filter((r) => r.entity === 'travelers').map((r) => r.value));
    groups.unshift(await documentRecords(FAMILY_INFO, travelers, opts.blobs));
  }
  await store.transaction((tx) => writeGroups(tx, groups, new Date(now).toISOString()));
  return { workOrders: opts.workOrders, operations, stationIds: STATIONS.map((s) => s.id) };
}
