import { ENTITY_NAMES, REF_FIELD, type EntityName } from '../../shared/schema';

/**
 * Secondary indexes the screens query by, on top of each entity's `REF_FIELD`. Every index costs
 * write time on the big first pull (45k operations), so only what a query uses is indexed.
 */
const EXTRA_INDEXES: Partial<Record<EntityName, string[]>> = {
  users: ['badge'],
  operations: ['stationId'],
  workOrders: ['priority'],
  conflicts: ['status'],
  notes: ['at'],
  scheduleChanges: ['postedAt'],
  audit: ['seq'],
  travelers: ['barcode'],
  acknowledgements: ['userId'],
};

/** Dexie `stores()` spec, version 1: one table per entity (key `id`), the outbox and meta. */
export function storesV1(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const name of ENTITY_NAMES) {
    const ref = REF_FIELD[name];
    const idx = [...(ref ? [ref] : []), ...(EXTRA_INDEXES[name] ?? [])];
    stores[name] = ['id', ...new Set(idx)].join(',');
  }
  // S1: the outbox key is the mutation id (1, 2, 3 … per client), so order is key order.
  stores.outbox = 'id';
  stores.meta = 'key';
  return stores;
}

/**
 * Version 2: before-images leave the outbox entries for a table of their own, one row per record
 * touched by pending mutations (key `[entity+id]`). The push then reads lean entries, and a pull
 * that confirms the whole outbox reverts only what it does not overwrite without reading any
 * entry (docs: app/sync/README.md).
 */
export function storesV2(): Record<string, string> {
  return { beforeImages: '[entity+id]' };
}
