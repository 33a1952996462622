import type { FloorboardDB } from './database';

/** The meta keys the client keeps; values are plain JSON. */
export interface MetaValues {
  clientId: string;
  nextMutationId: number;
  /** Pull cursor: the server's change sequence (S6). */
  cursor: number;
  /** The server's fingerprint of `cursor` (PullResponse `tag`), sent back with it; null: none. */
  cursorTag: string | null;
  /** The server's `lastMutationId` for this client, from the last push or pull answer. */
  lastMutationId: number;
  deviceId: string;
  deviceName: string;
  stationIds: string[];
  token: string;
  lastSyncAt: string;
  /** The signed-in user on this tablet, kept for screens. */
  currentUserId: string;
  /** Client ids this IndexedDB used before the server fell behind it (app/sync/recover.ts). */
  retiredClientIds: string[];
  /**
   * The signed-in person's PIN proof key (A2), derived at sign-in from the PIN they typed, so the
   * mutations queued for them carry a proof; removed at sign-out (docs/security.md).
   */
  proof: { userId: string; key: string };
}
export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(db: FloorboardDB, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: FloorboardDB, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

/** Reads several meta keys at once (one round trip). */
export async function readMeta(db: FloorboardDB): Promise<Partial<MetaValues>> {
  const rows = await db.meta.toArray();
  const out: Record<string, unknown> = {};
  for (const r of rows) out[r.key] = r.value;
  return out as Partial<MetaValues>;
}

/** S1: made once per IndexedDB instance and kept for its life. */
export async function ensureClientId(db: FloorboardDB, random: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const have = await getMeta(db, 'clientId');
    if (have) return have;
    const id = random();
    await setMeta(db, 'clientId', id);
    return id;
  });
}
