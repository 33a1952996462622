import type { Transaction } from 'dexie';
import type { FloorboardDB } from './database';
import type { BeforeImage, OutboxEntryV1 } from './outbox';

const key = (img: BeforeImage) => `${img.entity}\u0000${img.id}`;

/**
 * Records the before-images of one optimistic apply: a record that an older pending mutation
 * already touched keeps that older image (the server's state is what a revert must bring back).
 */
export async function keepBeforeImages(db: FloorboardDB, images: BeforeImage[]): Promise<void> {
  if (!images.length) return;
  const have = await db.beforeImages.bulkGet(images.map((i) => [i.entity, i.id]));
  const fresh = images.filter((_, i) => !have[i]);
  if (fresh.length) await db.beforeImages.bulkAdd(fresh);
}

/**
 * Upgrade to version 2: each record's oldest before-image (the first seen in id order) goes to
 * `beforeImages`, and the outbox entries lose their own copies. Nothing pending is lost.
 */
export async function moveBeforeImages(tx: Transaction): Promise<void> {
  const entries = (await tx.table('outbox').toArray()) as OutboxEntryV1[];
  const oldest = new Map<string, BeforeImage>();
  for (const e of entries) for (const img of e.before ?? []) if (!oldest.has(key(img))) oldest.set(key(img), img);
  if (oldest.size) await tx.table('beforeImages').bulkPut([...oldest.values()]);
  await tx
    .table('outbox')
    .toCollection()
    .modify((e: OutboxEntryV1) => {
      delete e.before;
    });
}
