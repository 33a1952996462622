export { keepBeforeImages } from './before-images';
export { FloorboardDB, openDatabase, type DatabaseOptions, type MetaRow } from './database';
export { DexieTx, restoreImages } from './dexie-tx';
export { ensureClientId, getMeta, readMeta, setMeta, type MetaKey, type MetaValues } from './meta';
export type { BeforeImage, OutboxEntry, OutboxEntryV1 } from './outbox';
export { currentEntityStores, storesV1, storesV2, storesV3, storesV4, storesV5, storesV6 } from './schema';
export { pruneReplica } from './prune';
