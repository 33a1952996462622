import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPokes, type Pokes } from '../sync/pokes';
import { createPostgresStore } from './postgres';
import { createPostgresPokes } from './postgres/pokes';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';

/** What the server stores in and pokes through; `close()` ends both. */
export interface Opened {
  store: Store;
  /** In-process on SQLite (one process); LISTEN/NOTIFY across instances on PostgreSQL. */
  pokes: Pokes;
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
    // Listening may fail now and succeed later (it retries); the server serves meanwhile.
    await pokes.ready.catch((err) => console.error('pokes: not listening yet', err));
    return {
      store,
      pokes,
      where: `PostgreSQL ${url.host}${url.pathname}`,
      async close() {
        await pokes.close();
        await store.close();
      },
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'floorboard.sqlite');
  const store = await createSqliteStore({ file, backgroundCheckpoint: true });
  return { store, pokes: createPokes(), where: `SQLite ${file}`, close: () => store.close() };
}
