import type { Accessor } from 'solid-js';
import type { Document } from '../../shared/schema';
import type { FloorboardDB } from '../db';
import { createLive, createLiveList } from './live';

/** The documents of a work order's released traveler, in the traveler's order; null: no such traveler. */
export async function readWorkOrderDocuments(db: FloorboardDB, workOrderId: string): Promise<Document[] | null> {
  const travelers = await db.entity('travelers').where('workOrderId').equals(workOrderId).toArray();
  const released = travelers.find((t) => t.status === 'released');
  if (!released) return null;
  const docs = await db.entity('documents').bulkGet(released.documentIds);
  return docs.filter((d): d is Document => d !== undefined);
}

/** {@link readWorkOrderDocuments}, live. */
export function useWorkOrderDocuments(
  db: Accessor<FloorboardDB | undefined>,
  workOrderId: Accessor<string | undefined>,
): Accessor<Document[] | null | undefined> {
  return createLive(
    () => {
      const d = db();
      const w = workOrderId();
      return d && w ? { d, w } : undefined;
    },
    ({ d, w }) => readWorkOrderDocuments(d, w),
    undefined as Document[] | null | undefined,
  );
}

/** One document record, live; undefined while loading or when the tablet has none. */
export function useDocument(db: Accessor<FloorboardDB | undefined>, id: Accessor<string | undefined>): Accessor<Document[]> {
  return createLiveList(
    () => {
      const d = db();
      const i = id();
      return d && i ? { d, i } : undefined;
    },
    async ({ d, i }) => {
      const doc = await d.entity('documents').get(i);
      return doc ? [doc] : [];
    },
  );
}
