import { z } from 'zod';
import type { FieldEdit, WorkOrder } from '../../schema';
import { applied, mayActAtAny, rejected } from '../tx';
import { conflict, defineMutator, OFFICE } from './define';

type EditableField = 'priority' | 'dueAt';

/**
 * A coordinator's field edit of a work order (C3). It carries `base`, the version the
 * coordinator saw; if another edit changed the same field after that version, the server keeps
 * the newer value and the edit becomes a conflict. Nothing of a conflicting edit is applied.
 */
export const editWorkOrder = defineMutator({
  args: z
    .object({
      workOrderId: z.string().min(1),
      priority: z.number().int().min(1).max(999).optional(),
      dueAt: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((a) => a.priority !== undefined || a.dueAt !== undefined, { message: 'nothing to change' }),
  roles: OFFICE,
  describe: (a) =>
    [a.priority !== undefined ? `set priority ${a.priority}` : '', a.dueAt ? `moved the due date to ${a.dueAt.slice(0, 10)}` : ''].filter(Boolean).join(', '),
  async apply(tx, a, ctx) {
    const wo = await tx.get('workOrders', a.workOrderId);
    if (!wo) return rejected('work-order-not-found', 'no such work order');
    // A3: from a tablet, only a job routed through one of its stations.
    if (!mayActAtAny(ctx, wo.stationIds)) return rejected('not-allowed-at-station', 'this job does not run at your stations');
    const fields = (['priority', 'dueAt'] as EditableField[]).filter((f) => a[f] !== undefined);
    const edits: Record<string, FieldEdit> = { ...(wo.edits ?? {}) };
    const base = ctx.base;
    const stale = base === undefined ? [] : fields.filter((f) => (edits[f]?.version ?? 0) > base);
    if (stale.length > 0) {
      const newer = edits[stale[0]!]!;
      const kept: Partial<WorkOrder> = {};
      for (const f of stale) Object.assign(kept, { [f]: wo[f] });
      return conflict(
        'field-changed-since-read',
        `${stale.join(' and ')} had been changed by someone else since you read it`,
        { mutation: newer.mutation, actorId: newer.actorId, deviceId: newer.deviceId, at: newer.at },
        kept,
        wo.stationIds,
      );
    }
    const edit: FieldEdit = { mutation: 'editWorkOrder', actorId: ctx.actor.id, deviceId: ctx.deviceId, at: ctx.at, version: ctx.seq ?? wo.version };
    for (const f of fields) edits[f] = edit;
    await tx.put('workOrders', { ...wo, ...(a.priority !== undefined && { priority: a.priority }), ...(a.dueAt && { dueAt: a.dueAt }), edits });
    return applied();
  },
});
