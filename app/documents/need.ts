import type { Document, Operation, Traveler } from '../../shared/schema';
import type { FloorboardDB } from '../db';

/** A file the tablet must hold, and the documents that use it. */
export interface NeededBlob {
  sha256: string;
  bytes: number;
  contentType: Document['contentType'];
}

/**
 * T3: the files of the released documents on the released travelers of the work orders that have
 * operations at these stations. A superseded traveler or document needs nothing; several
 * documents with the same bytes need one file.
 */
export function neededBlobs(
  stationIds: readonly string[],
  operations: readonly Pick<Operation, 'stationId' | 'workOrderId'>[],
  travelers: readonly Pick<Traveler, 'workOrderId' | 'status' | 'documentIds'>[],
  documents: readonly Pick<Document, 'id' | 'status' | 'sha256' | 'bytes' | 'contentType'>[],
): Map<string, NeededBlob> {
  const stations = new Set(stationIds);
  const workOrders = new Set(operations.filter((o) => stations.has(o.stationId)).map((o) => o.workOrderId));
  const docIds = new Set(travelers.filter((t) => t.status === 'released' && workOrders.has(t.workOrderId)).flatMap((t) => t.documentIds));
  const out = new Map<string, NeededBlob>();
  for (const d of documents) {
    if (d.status !== 'released' || !docIds.has(d.id)) continue;
    out.set(d.sha256, { sha256: d.sha256, bytes: d.bytes, contentType: d.contentType });
  }
  return out;
}

/** {@link neededBlobs} read from the replica, for the stations in meta. */
export async function readNeededBlobs(db: FloorboardDB, stationIds: readonly string[]): Promise<Map<string, NeededBlob>> {
  return db.transaction('r', [db.entity('operations'), db.entity('travelers'), db.entity('documents')], async () => {
    const operations = await db
      .entity('operations')
      .where('stationId')
      .anyOf([...stationIds])
      .toArray();
    const workOrderIds = [...new Set(operations.map((o) => o.workOrderId))];
    const travelers = await db.entity('travelers').where('workOrderId').anyOf(workOrderIds).toArray();
    const docIds = [...new Set(travelers.filter((t) => t.status === 'released').flatMap((t) => t.documentIds))];
    const documents = (await db.entity('documents').bulkGet(docIds)).filter((d): d is Document => d !== undefined);
    return neededBlobs(stationIds, operations, travelers, documents);
  });
}

/** The lower-case hex sha256 of some bytes (T3: every blob is checked before it is kept). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
