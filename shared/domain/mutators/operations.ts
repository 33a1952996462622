import { z } from 'zod';
import type { Hold, Operation, RoutingStep, WorkOrder } from '../../schema';
import { MAX_QUANTITY } from '../quantity';
import { transition, type OperationEvent } from '../operation-machine';
import { applied, mayActAt, rejected, type MutationContext, type Tx } from '../tx';
import { conflict, defineMutator, FLOOR, lastChange } from './define';
import { checkTravelerRevision } from './travelers';

const OperationArgs = z.object({ operationId: z.string().min(1) });
/** T4: a start or completion says which traveler revision the operator had on screen. */
const TravelerArgs = OperationArgs.extend({ travelerRevision: z.string().min(1).max(16).optional() });

/** An open hold on the operation's work order, or on the operation itself, blocks it. */
export async function openHoldOn(tx: Tx, op: Operation): Promise<Hold | undefined> {
  const holds = await tx.byRef('holds', op.workOrderId);
  return holds.find((h) => h.status === 'open' && (h.operationId === null || h.operationId === op.id));
}

/** The conflict an open hold raises against work on the held job (C2: it may have arrived while offline). */
export function heldConflict(hold: Hold, op: Operation) {
  return conflict(
    'work-order-on-hold',
    `the job was put on ${hold.kind} hold: ${hold.reason}`,
    { mutation: 'placeHold', actorId: hold.placedBy, deviceId: hold.placedDeviceId, at: hold.placedAt },
    { holdId: hold.id, status: op.status },
    [op.stationId],
  );
}

/** A cancelled work order takes no more work: no start, no completion, no good parts (docs/work-orders.md). */
export function cancelledConflict(wo: WorkOrder, op: Operation) {
  return conflict('work-order-cancelled', 'the work order was cancelled', null, { workOrderStatus: wo.status, status: op.status }, [op.stationId]);
}

async function move(tx: Tx, name: string, event: OperationEvent, operationId: string, ctx: MutationContext, reason?: string) {
  const op = await tx.get('operations', operationId);
  if (!op) return rejected('operation-not-found', 'no such operation');
  if (!mayActAt(ctx, op.stationId)) {
    return rejected('not-allowed-at-station', 'this operation runs at a station you may not work at');
  }
  if (event !== 'pause') {
    // Pausing stays possible on a cancelled or held job: it stops the clock on work that must stop.
    const wo = await tx.get('workOrders', op.workOrderId);
    if (wo?.status === 'cancelled') return cancelledConflict(wo, op);
    const hold = await openHoldOn(tx, op);
    if (hold) return heldConflict(hold, op);
  }
  const t = transition(op.status, event);
  if (!t.ok) return conflict(t.code, t.message, op.lastChange, { status: op.status }, [op.stationId]);
  // Only a pause says why; the reason goes when the operation moves on.
  const pauseReason = t.to === 'paused' ? { pauseReason: reason ?? null } : op.pauseReason != null ? { pauseReason: null } : {};
  // `from` and `recordedAt` let the actor undo this within the window (undoLast).
  await tx.put('operations', { ...op, status: t.to, ...pauseReason, lastChange: { ...lastChange(name, ctx), from: op.status, recordedAt: ctx.now } });
  await updateWorkOrderStatus(tx, op.workOrderId, { ...op, status: t.to });
  return applied();
}

/**
 * The work order's routing summary after `moved` changed: its step updated in place, or the whole
 * summary built when it is missing and every operation is at hand (always on the server; a tablet
 * holds only its share and leaves it to the server). Undefined: leave the summary as it is.
 */
export function nextRouting(wo: WorkOrder, ops: readonly Operation[], moved: Operation): RoutingStep[] | undefined {
  const step = (o: Operation): RoutingStep => ({ operationId: o.id, seq: o.seq, stationId: o.stationId, name: o.name, status: o.status });
  if (wo.routing?.some((s) => s.operationId === moved.id)) {
    return wo.routing.map((s) => (s.operationId === moved.id ? step(moved) : s));
  }
  if (ops.length !== wo.operationCount) return undefined;
  return ops.map((o) => step(o.id === moved.id ? moved : o)).sort((a, b) => a.seq - b.seq);
}

/** A work order is in progress once any operation starts and completed when all are; its routing summary follows. */
export async function updateWorkOrderStatus(tx: Tx, workOrderId: string, moved: Operation) {
  const wo = await tx.get('workOrders', workOrderId);
  if (!wo || wo.status === 'cancelled') return;
  const ops = await tx.byRef('operations', workOrderId);
  const allDone = ops.length > 0 && ops.length === wo.operationCount && ops.every((o) => o.status === 'completed');
  const status = allDone ? 'completed' : ops.some((o) => o.status !== 'pending') ? 'in-progress' : wo.status;
  const routing = nextRouting(wo, ops, moved);
  if (status !== wo.status || routing) await tx.put('workOrders', { ...wo, status, ...(routing ? { routing } : {}) });
}

export const startOperation = defineMutator({
  args: TravelerArgs,
  roles: FLOOR,
  describe: () => 'started the operation',
  apply: async (tx, a, ctx) => checkTravelerRevision(tx, await move(tx, 'startOperation', 'start', a.operationId, ctx), a.operationId, a.travelerRevision),
});

export const pauseOperation = defineMutator({
  args: OperationArgs.extend({ reason: z.string().max(200).optional() }),
  roles: FLOOR,
  describe: (a) => `paused the operation${a.reason ? `: ${a.reason}` : ''}`,
  apply: (tx, a, ctx) => move(tx, 'pauseOperation', 'pause', a.operationId, ctx, a.reason),
});

export const completeOperation = defineMutator({
  args: TravelerArgs,
  roles: FLOOR,
  describe: () => 'completed the operation',
  apply: async (tx, a, ctx) =>
    checkTravelerRevision(tx, await move(tx, 'completeOperation', 'complete', a.operationId, ctx), a.operationId, a.travelerRevision),
});

export const reportQuantity = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    operationId: z.string().min(1),
    good: z.number().int().nonnegative().max(MAX_QUANTITY),
    scrap: z.number().int().nonnegative().max(MAX_QUANTITY),
    scrapReason: z.string().min(1).max(64).optional(),
  }),
  roles: FLOOR,
  describe: (a) => `reported ${a.good} good, ${a.scrap} scrap${a.scrapReason ? ` (${a.scrapReason})` : ''}`,
  // C1: an append never conflicts with another append; C5: over-reporting is accepted and flagged.
  // A hold or a cancellation refuses good parts (made on blocked work), never scrap (DESIGN §3).
  async apply(tx, a, ctx) {
    if (a.good + a.scrap === 0) return rejected('empty-report', 'report at least one good or scrap part');
    if (a.scrap > 0 && !a.scrapReason) return rejected('scrap-reason-required', 'scrap needs a reason code');
    if (a.scrapReason) {
      const reasons = await tx.byRef('reasonCodes', 'scrap');
      if (reasons.length > 0 && !reasons.some((r) => r.code === a.scrapReason)) {
        return rejected('unknown-scrap-reason', `unknown scrap reason ${a.scrapReason}`);
      }
    }
    if (await tx.get('quantityReports', a.id)) return rejected('duplicate-id', 'this report was already recorded');
    const op = await tx.get('operations', a.operationId);
    if (!op) return rejected('operation-not-found', 'no such operation');
    if (!mayActAt(ctx, op.stationId)) {
      return rejected('not-allowed-at-station', 'this operation runs at a station you may not work at');
    }
    const wo = await tx.get('workOrders', op.workOrderId);
    if (a.good > 0) {
      if (wo?.status === 'cancelled') return cancelledConflict(wo, op);
      const hold = await openHoldOn(tx, op);
      if (hold) return heldConflict(hold, op);
    }
    const good = op.good + a.good;
    const scrap = op.scrap + a.scrap;
    const flags = wo && good + scrap > wo.quantity ? ['over-reported'] : [];
    await tx.put('quantityReports', {
      id: a.id,
      operationId: op.id,
      workOrderId: op.workOrderId,
      stationId: op.stationId,
      good: a.good,
      scrap: a.scrap,
      scrapReason: a.scrapReason ?? null,
      userId: ctx.actor.id,
      deviceId: ctx.deviceId,
      at: ctx.at,
      flags,
    });
    await tx.put('operations', { ...op, good, scrap });
    return applied(flags);
  },
});
