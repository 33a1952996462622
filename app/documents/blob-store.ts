import Dexie, { type Table } from 'dexie';
import type { DatabaseOptions } from '../db';

/** One verified document file on the tablet, addressed by the sha256 of `data` (T2). */
export interface StoredBlob {
  sha256: string;
  contentType: string;
  size: number;
  /**
   * A Blob rather than its bytes: the response's Blob already lives outside the page, so keeping
   * it does not copy the bytes back across (docs/bench.md, figure 6).
   */
  data: Blob;
}

/** What the packet keeps of a blob without reading its bytes. */
export interface BlobInfo {
  sha256: string;
  size: number;
}

/**
 * The tablet's document files, in a database of their own: its schema moves apart from the
 * replica's, and clearing the replica (a new enrollment) need not drop 100 MB of drawings that
 * are still valid. IndexedDB rather than Cache Storage: the same code runs in Node tests on
 * fake-indexeddb, and a file and its size commit in one transaction (docs/bench.md compares the
 * raw floors of both).
 */
export class BlobDB extends Dexie {
  blobs!: Table<StoredBlob, string>;
  /** Sizes apart from the bytes, so listing what is held never reads a file. */
  sizes!: Table<BlobInfo, string>;

  constructor(name: string, options: DatabaseOptions = {}) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
      // A blob lost to a power cut is downloaded again and verified again: no flush to wait for.
      chromeTransactionDurability: 'relaxed',
    });
    this.version(1).stores({ blobs: 'sha256', sizes: 'sha256' });
  }
}

/** The blob store the packet and the viewer use (one per tablet database). */
export interface BlobStore {
  held(): Promise<BlobInfo[]>;
  get(sha256: string): Promise<StoredBlob | undefined>;
  /** Stores the blobs in one transaction. */
  put(blobs: StoredBlob[]): Promise<void>;
  remove(sha256s: string[]): Promise<void>;
}

/** A BlobStore over a BlobDB. */
export function createBlobStore(db: BlobDB): BlobStore {
  return {
    held: () => db.sizes.toArray(),
    get: (sha256) => db.blobs.get(sha256),
    put: (blobs) =>
      db.transaction('rw', db.blobs, db.sizes, async () => {
        await db.blobs.bulkPut(blobs);
        await db.sizes.bulkPut(blobs.map((b) => ({ sha256: b.sha256, size: b.size })));
      }),
    remove: (sha256s) =>
      db.transaction('rw', db.blobs, db.sizes, async () => {
        await db.blobs.bulkDelete(sha256s);
        await db.sizes.bulkDelete(sha256s);
      }),
  };
}

/** Opens the blob store beside the replica `dbName` (`floorboard` → `floorboard-blobs`). */
export async function openBlobStore(dbName: string, options: DatabaseOptions = {}): Promise<BlobStore> {
  const db = new BlobDB(`${dbName}-blobs`, options);
  await db.open();
  return createBlobStore(db);
}
