import type { Accessor } from 'solid-js';
import type { Document, Traveler } from '../../shared/schema';
import type { FloorboardDB } from '../db';
import { createLive, createLiveList } from './live';

type Db = Accessor<FloorboardDB | undefined>;

/** Every document record the console holds, by number then newest revision first (live). */
export function useAllDocuments(db: Db): Accessor<Document[]> {
  return createLiveList(db, async (d) =>
    (await d.entity('documents').toArray()).sort(
      (a, b) => a.number.localeCompare(b.number) || b.revision.length - a.revision.length || b.revision.localeCompare(a.revision),
    ),
  );
}

/** Every traveler revision of one work order, released and superseded (live). */
export function useWorkOrderTravelers(db: Db, workOrderId: Accessor<string>): Accessor<Traveler[]> {
  return createLive(
    () => {
      const d = db();
      return d ? { d, id: workOrderId() } : undefined;
    },
    ({ d, id }) => d.entity('travelers').where('workOrderId').equals(id).toArray(),
    [] as Traveler[],
  );
}
