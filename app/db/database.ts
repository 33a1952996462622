import Dexie, { type Table } from 'dexie';
import type { EntityName, EntityOf } from '../../shared/schema';
import { ENTITY_NAMES } from '../../shared/schema';
import { moveBeforeImages } from './before-images';
import type { BeforeImage, OutboxEntry } from './outbox';
import { storesV1, storesV2, storesV3, storesV4, storesV5, storesV6 } from './schema';

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

  private relaxedTwin: Promise<FloorboardDB> | undefined;

  constructor(
    name: string,
    private readonly options: DatabaseOptions = {},
    durability: 'strict' | 'relaxed' = 'strict',
  ) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
      // D1 on the tablet: a mutation shown as done must survive a power cut, not only a crash of
      // the browser. Chromium's default became `relaxed` in version 121 (the commit is reported
      // before the OS has written it); `strict` waits for the flush. Renumbering the outbox as a
      // new client (sync/recover.ts) needs it too: lost, it would push the same entries under a
      // second new id. The cost is one flush a read-write transaction; reads pay nothing.
      chromeTransactionDurability: durability,
    });
    this.version(1).stores(storesV1());
    this.version(2).stores(storesV2()).upgrade(moveBeforeImages);
    this.version(3).stores(storesV3());
    this.version(4).stores(storesV4());
    this.version(5).stores(storesV5());
    this.version(6).stores(storesV6());
  }

  /** The table of one entity collection, typed by its schema. */
  entity<N extends EntityName>(name: N): Table<EntityOf<N>, string> {
    return this.table(name) as Table<EntityOf<N>, string>;
  }

  /**
   * A second connection to the same database whose writes do not wait for the flush: for pull
   * pages (sync/pull.ts), which a power cut may lose without harm (the cursor goes with them in
   * one transaction, so the tablet pulls them again; an outbox entry a lost page dropped is pushed
   * again and skipped, S2). A strict flush of a 5,000-record page costs far more than a mutation's.
   */
  relaxed(): Promise<FloorboardDB> {
    this.relaxedTwin ??= (async () => {
      const twin = new FloorboardDB(this.name, this.options, 'relaxed');
      await twin.open();
      return twin;
    })();
    return this.relaxedTwin;
  }

  override close(options?: { disableAutoOpen: boolean }): void {
    const twin = this.relaxedTwin;
    this.relaxedTwin = undefined;
    void twin?.then(
      (t) => t.close(options),
      () => undefined,
    );
    super.close(options);
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
