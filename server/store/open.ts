import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPokes, createRevocations, type Pokes, type Revocations } from '../sync/pokes';
import { createPostgresStore } from './postgres';
import { createLeaseHolder, type LeaseHolder } from './postgres/lease';
import { createPostgresPokes } from './postgres/pokes';
import { createPostgresRevocations } from './postgres/revocations';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';
import { createFileBlobStore } from '../blobs/files';
import { createPostgresBlobStore } from '../blobs/postgres';
import type { BlobStore } from '../blobs/types';

/** What the server stores in and pokes through; `close()` ends all of it. */
export interface Opened {
  store: Store;
  /** In-process on SQLite (one process); LISTEN/NOTIFY across instances on PostgreSQL. */
  pokes: Pokes;
  /** Device revocations heard by the event streams: in-process, or across instances like pokes. */
  revocations: Revocations;
  /**
   * The server jobs' leases (D3), on PostgreSQL only (SQLite has one instance): all of this
   * instance's leases share one connection, opened at the first `hold()`.
   */
  leases?: LeaseHolder;
  /** The documents' files (T2): in the database on PostgreSQL (any instance serves them), else under DATA_DIR/blobs. */
  blobs: BlobStore;
  /** Which store, for the log. */
  where: string;
  close(): Promise<void>;
}

export interface StoreSettings {
  /** `postgres://…` or `postgresql://…`: PostgreSQL (several instances may share it). */
  databaseUrl?: string;
  /** Without `databaseUrl`: the directory of the SQLite file `floorboard.sqlite`. */
  dataDir: string;
}

/** The server's store (migrated) and pokes, as the environment asks for them. */
export async function openStore({ databaseUrl, dataDir }: StoreSettings): Promise<Opened> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new Error(`DATABASE_URL must be a postgres:// URL (got ${url.protocol}); unset it to use SQLite under DATA_DIR`);
    }
    const store = await createPostgresStore({ url: databaseUrl });
    const pokes = createPostgresPokes({ url: databaseUrl });
    const revocations = createPostgresRevocations({ url: databaseUrl });
    const leases = createLeaseHolder({ url: databaseUrl });
    const blobs = createPostgresBlobStore({ url: databaseUrl });
    // Listening may fail now and succeed later (it retries); the server serves meanwhile.
    await pokes.ready.catch((err) => console.error('pokes: not listening yet', err));
    await revocations.ready.catch((err) => console.error('revocations: not listening yet', err));
    return {
      store,
      pokes,
      revocations,
      leases,
      blobs,
      where: `PostgreSQL ${url.host}${url.pathname}`,
      async close() {
        await leases.close();
        await pokes.close();
        await revocations.close();
        await blobs.close();
        await store.close();
      },
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'floorboard.sqlite');
  const store = await createSqliteStore({ file, backgroundCheckpoint: true });
  const blobs = createFileBlobStore(join(dataDir, 'blobs'));
  return { store, pokes: createPokes(), revocations: createRevocations(), blobs, where: `SQLite ${file}`, close: () => store.close() };
}
