import { z } from 'zod';
import { SpecialFlag, type Traveler } from '../../schema';
import { applied, appliedRaising, rejected, type MutationResultValue, type Tx } from '../tx';
import { consoleOnly, defineMutator, DOCUMENT_CONTROL } from './define';

/** DESIGN §9's printable payload of a traveler's cover sheet: work order and revision, no operation. */
export const coverBarcode = (workOrderNumber: string, revision: string): string => `FB1|${workOrderNumber}||${revision}`;

/** The released traveler of a work order, if any (T1: at most one). */
export async function releasedTraveler(tx: Tx, workOrderId: string): Promise<Traveler | undefined> {
  return (await tx.byRef('travelers', workOrderId)).find((t) => t.status === 'released');
}

export const releaseTraveler = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    workOrderId: z.string().min(1),
    revision: z.string().trim().min(1).max(16),
    documentIds: z.array(z.string().min(1)).max(100),
    flags: z.array(SpecialFlag).max(SpecialFlag.options.length),
    notes: z.string().trim().max(2000),
  }),
  roles: DOCUMENT_CONTROL,
  describe: (a) => `released traveler revision ${a.revision}`,
  // T1: the new revision supersedes the released one in this mutation, and every station on the
  // routing is told by a `revision` schedule change that needs acknowledging.
  async apply(tx, a, ctx) {
    const refused = consoleOnly(ctx);
    if (refused) return refused;
    if (await tx.get('travelers', a.id)) return rejected('duplicate-id', 'this traveler was already released');
    const wo = await tx.get('workOrders', a.workOrderId);
    if (!wo) return rejected('work-order-not-found', 'no such work order');
    const travelers = await tx.byRef('travelers', wo.id);
    if (travelers.some((t) => t.revision === a.revision)) {
      return rejected('traveler-revision-exists', `${wo.number} already has a traveler revision ${a.revision}`);
    }
    const documentIds = [...new Set(a.documentIds)];
    const documents = [];
    for (const id of documentIds) {
      const doc = await tx.get('documents', id);
      if (!doc) return rejected('document-not-found', `no document ${id}`);
      if (doc.status !== 'released') return rejected('document-not-released', `${doc.number} rev ${doc.revision} is ${doc.status}, not released`);
      documents.push(doc);
    }
    const previous = travelers.find((t) => t.status === 'released');
    if (previous) await tx.put('travelers', { ...previous, status: 'superseded' });
    await tx.put('travelers', {
      id: a.id,
      workOrderId: wo.id,
      barcode: coverBarcode(wo.number, a.revision),
      revision: a.revision,
      status: 'released',
      documentIds,
      flags: [...new Set(a.flags)],
      notes: a.notes,
      releasedAt: ctx.at,
      releasedBy: ctx.actor.id,
      stationIds: wo.stationIds,
    });
    // T3: a document goes to the stations of the released travelers that list it. The union only
    // grows here (a Tx cannot ask which other travelers list a document); a station drops the
    // document when its revision is superseded.
    for (const doc of documents) {
      const stationIds = [...new Set([...doc.stationIds, ...wo.stationIds])];
      if (stationIds.length !== doc.stationIds.length) await tx.put('documents', { ...doc, stationIds });
    }
    if (wo.stationIds.length > 0) {
      await tx.put('scheduleChanges', {
        id: `${a.id}:revision`,
        kind: 'revision',
        message: previous
          ? `${wo.number}: traveler revision ${a.revision} released, replacing ${previous.revision}`
          : `${wo.number}: traveler revision ${a.revision} released`,
        stationIds: wo.stationIds,
        workOrderIds: [wo.id],
        requiresAck: true,
        postedBy: ctx.actor.id,
        postedAt: ctx.at,
        ...(ctx.backing && { postedBacking: ctx.backing }),
      });
    }
    return applied();
  },
});

/**
 * T4: a start or completion made on a traveler revision that is no longer the released one still
 * applies (the work happened) and raises `stale-traveler-revision` for the coordinator and the
 * station (C4). Without `seen` (an app that does not say) nothing is checked.
 */
export async function checkTravelerRevision(tx: Tx, result: MutationResultValue, operationId: string, seen: string | undefined): Promise<MutationResultValue> {
  if (result.outcome !== 'applied' || seen === undefined) return result;
  const op = await tx.get('operations', operationId);
  if (!op) return result;
  const released = await releasedTraveler(tx, op.workOrderId);
  if (!released || released.revision === seen) return result;
  return appliedRaising({
    code: 'stale-traveler-revision',
    message: `done on traveler revision ${seen}, but revision ${released.revision} is released`,
    // The traveler keeps who released it and when, not from which device: named in `kept` instead.
    other: null,
    kept: { travelerId: released.id, revision: released.revision, seenRevision: seen, releasedBy: released.releasedBy, releasedAt: released.releasedAt },
    stationIds: [op.stationId],
  });
}
