import type { Accessor } from 'solid-js';
import type { Document, Operation, Traveler, WorkOrder } from '../../shared/schema';
import type { FloorboardDB } from '../db';
import { createLive } from './live';

/** What a printed traveler (and the job screen's header) shows for one work order. */
export interface TravelerSheetData {
  workOrder: WorkOrder;
  /** The routing, by sequence. */
  operations: Operation[];
  /** The released traveler, if there is one. */
  traveler: Traveler | null;
  documents: Document[];
}

export async function travelerSheet(d: FloorboardDB, workOrderId: string): Promise<TravelerSheetData | null> {
  const workOrder = await d.entity('workOrders').get(workOrderId);
  if (!workOrder) return null;
  const operations = (await d.entity('operations').where('workOrderId').equals(workOrderId).toArray()).sort((a, b) => a.seq - b.seq);
  const travelers = await d.entity('travelers').where('workOrderId').equals(workOrderId).toArray();
  const traveler = travelers.find((t) => t.status === 'released') ?? null;
  const documents = traveler ? (await d.entity('documents').bulkGet(traveler.documentIds)).filter((x): x is Document => Boolean(x)) : [];
  return { workOrder, operations, traveler, documents };
}

export function useTravelerSheet(db: Accessor<FloorboardDB | undefined>, workOrderId: Accessor<string | null>): Accessor<TravelerSheetData | null> {
  return createLive(
    () => {
      const d = db();
      const id = workOrderId();
      return d && id ? { d, id } : undefined;
    },
    ({ d, id }) => travelerSheet(d, id),
    null as TravelerSheetData | null,
  );
}
