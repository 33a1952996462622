import Dexie, { type Table } from 'dexie';
import type { EntityName, EntityOf } from '../../shared/schema';
import { ENTITY_NAMES } from '../../shared/schema';
import { moveBeforeImages } from './before-images';
import type { BeforeImage, OutboxEntry } from './outbox';
import { storesV1, storesV2, storesV3 } from './schema';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Lets Node tests hand in fake-indexeddb without touching globals. */
export interface DatabaseOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** The tablet's replica of its scope, its outbox and its meta (DESIGN §2). */
export class FloorboardDB extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  meta!: Table<MetaRow, string>;
  beforeImages!: Table<BeforeImage, [string, string]>;

  constructor(name: string, options: DatabaseOptions = {}) {
    super(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined);
    this.version(1).stores(storesV1());
    this.version(2).stores(storesV2()).upgrade(moveBeforeImages);
    this.version(3).stores(storesV3());
  }

  /** The table of one entity collection, typed by its schema. */
  entity<N extends EntityName>(name: N): Table<EntityOf<N>, string> {
    return this.table(name) as Table<EntityOf<N>, string>;
  }

  /** Every entity table (not outbox/meta/beforeImages). */
  entityTables(): Table[] {
    return ENTITY_NAMES.map((n) => this.table(n));
  }
}

/** Opens (creating or upgrading) the database with this name. */
export async function openDatabase(name = 'floorboard', options: DatabaseOptions = {}): Promise<FloorboardDB> {
  const db = new FloorboardDB(name, options);
  await db.open();
  return db;
}
