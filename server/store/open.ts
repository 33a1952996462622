import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPostgresStore } from './postgres';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';

export interface StoreSettings {
  /** `postgres://…` or `postgresql://…`: PostgreSQL (several instances may share it). */
  databaseUrl?: string;
  /** Without `databaseUrl`: the directory of the SQLite file `floorboard.sqlite`. */
  dataDir: string;
}

/** The server's store as the environment asks for it, migrated; `where` says which, for the log. */
export async function openStore({ databaseUrl, dataDir }: StoreSettings): Promise<{ store: Store; where: string }> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new Error(`DATABASE_URL must be a postgres:// URL (got ${url.protocol}); unset it to use SQLite under DATA_DIR`);
    }
    return { store: await createPostgresStore({ url: databaseUrl }), where: `PostgreSQL ${url.host}${url.pathname}` };
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'floorboard.sqlite');
  return { store: await createSqliteStore({ file, backgroundCheckpoint: true }), where: `SQLite ${file}` };
}
