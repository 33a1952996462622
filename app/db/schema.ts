import { ENTITY_NAMES, REF_FIELD, type EntityName } from '../../shared/schema';

/**
 * Secondary indexes of version 1, on top of each entity's `REF_FIELD`. Every index costs write time
 * on the big first pull (45k operations) and on every pulled record, so only what a query uses is
 * indexed: version 3 drops the ones no query used (V3_DROPPED).
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
  documents: ['sha256'],
};

/**
 * Entity tables a later version adds (an entity added to ENTITIES after version 1 shipped): version
 * 1 leaves them out, so an existing tablet's version 1 stays what it was, and their version creates them.
 */
const ADDED_IN: Partial<Record<EntityName, number>> = {
  documents: 4,
  plantSettings: 5,
};

/**
 * Indexes version 3 drops: no query reads them (app/queries, app/session, DexieTx.byRef), yet every
 * work order and note a pull brings wrote an entry in each (the flush after a dead zone writes
 * hundreds of both).
 */
const V3_DROPPED: Partial<Record<EntityName, string[]>> = {
  workOrders: ['priority'],
  notes: ['at'],
};

/** Indexes version 6 adds: a scan looks its work order up by number (§9), at 10,000 of them. */
const V6_ADDED: Partial<Record<EntityName, string[]>> = {
  workOrders: ['number'],
};

function entitySpec(name: EntityName, drop: string[] = [], add: string[] = []): string {
  const ref = REF_FIELD[name];
  const idx = [...(ref ? [ref] : []), ...(EXTRA_INDEXES[name] ?? []), ...add].filter((i) => !drop.includes(i));
  return ['id', ...new Set(idx)].join(',');
}

/** Dexie `stores()` spec, version 1: one table per entity (key `id`), the outbox and meta. */
export function storesV1(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const name of ENTITY_NAMES) if (!ADDED_IN[name]) stores[name] = entitySpec(name);
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

/** Version 3: the tables whose unused indexes go (V3_DROPPED); nothing else changes. */
export function storesV3(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const [name, drop] of Object.entries(V3_DROPPED)) stores[name] = entitySpec(name as EntityName, drop);
  return stores;
}

/** Version 4: the documents of the stations' travelers (T3), by number and by blob (sha256). */
export function storesV4(): Record<string, string> {
  return addedIn(4);
}

/** Version 5: the plant's settings (the idle sign-out time, A2), pulled like any plant-wide record. */
export function storesV5(): Record<string, string> {
  return addedIn(5);
}

/** Version 6: work orders by number, for the scan's lookup. */
export function storesV6(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const [name, add] of Object.entries(V6_ADDED)) stores[name] = entitySpec(name as EntityName, V3_DROPPED[name as EntityName], add);
  return stores;
}

function addedIn(version: number): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const [name, v] of Object.entries(ADDED_IN)) if (v === version) stores[name] = entitySpec(name as EntityName);
  return stores;
}

/** The entity tables' specs as the current version has them (the bench's raw-write floor uses it). */
export function currentEntityStores(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const name of ENTITY_NAMES) stores[name] = entitySpec(name, V3_DROPPED[name], V6_ADDED[name]);
  return stores;
}
