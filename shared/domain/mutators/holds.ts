import { z } from 'zod';
import { HoldKind } from '../../schema';
import { applied, mayActAtAny, rejected } from '../tx';
import { conflict, defineMutator, LEADS, TRIAGE } from './define';
// A cycle with index.ts, used only inside `apply`, after both modules have loaded.
import { applyMutation } from './index';

export const placeHold = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    workOrderId: z.string().min(1),
    operationId: z.string().min(1).optional(),
    kind: HoldKind,
    reason: z.string().trim().min(1).max(500),
  }),
  roles: LEADS,
  describe: (a) => `placed a ${a.kind} hold: ${a.reason}`,
  async apply(tx, a, ctx) {
    if (await tx.get('holds', a.id)) return rejected('duplicate-id', 'this hold was already placed');
    const wo = await tx.get('workOrders', a.workOrderId);
    if (!wo) return rejected('work-order-not-found', 'no such work order');
    if (!mayActAtAny(ctx, wo.stationIds)) return rejected('not-allowed-at-station', 'this job does not run at your stations');
    if (a.operationId) {
      const op = await tx.get('operations', a.operationId);
      if (!op || op.workOrderId !== wo.id) return rejected('operation-not-found', 'no such operation on this work order');
    }
    await tx.put('holds', {
      id: a.id,
      workOrderId: wo.id,
      operationId: a.operationId ?? null,
      kind: a.kind,
      reason: a.reason,
      status: 'open',
      placedBy: ctx.actor.id,
      placedDeviceId: ctx.deviceId,
      placedAt: ctx.at,
      ...(ctx.backing && { placedBacking: ctx.backing }),
      releasedBy: null,
      releasedDeviceId: null,
      releasedAt: null,
      stationIds: wo.stationIds,
    });
    return applied();
  },
});

export const releaseHold = defineMutator({
  args: z.object({ holdId: z.string().min(1) }),
  roles: LEADS,
  describe: () => 'released the hold',
  async apply(tx, a, ctx) {
    const hold = await tx.get('holds', a.holdId);
    if (!hold) return rejected('hold-not-found', 'no such hold');
    if (!mayActAtAny(ctx, hold.stationIds)) return rejected('not-allowed-at-station', 'this job does not run at your stations');
    if (hold.status === 'released') {
      return conflict(
        'hold-already-released',
        'the hold was already released',
        hold.releasedBy && hold.releasedDeviceId && hold.releasedAt
          ? { mutation: 'releaseHold', actorId: hold.releasedBy, deviceId: hold.releasedDeviceId, at: hold.releasedAt }
          : null,
        { status: hold.status },
        hold.stationIds,
      );
    }
    await tx.put('holds', {
      ...hold,
      status: 'released',
      releasedBy: ctx.actor.id,
      releasedDeviceId: ctx.deviceId,
      releasedAt: ctx.at,
      ...(ctx.backing && { releasedBacking: ctx.backing }),
    });
    return applied();
  },
});

/**
 * How a conflict is settled (C4): `server` keeps what the server has (also when no choice is
 * sent, as all there was before); `mine` applies the tablet's change now, as its person made it on
 * their device.
 */
export const ConflictChoice = z.enum(['server', 'mine']);

export const resolveConflict = defineMutator({
  args: z.object({
    conflictId: z.string().min(1),
    /** Absent means `server`: a push from before the choice existed keeps its meaning. */
    choice: ConflictChoice.optional(),
    /** An optional note on what was decided; when given, not blank. */
    resolution: z.string().trim().min(1).max(1000).optional(),
  }),
  roles: TRIAGE,
  describe: (a) =>
    a.choice === 'mine'
      ? `resolved a conflict by applying the tablet's change${a.resolution ? `: ${a.resolution}` : ''}`
      : `resolved a conflict: ${a.resolution ?? "kept the server's"}`,
  // C4: resolving a conflict is itself a mutation, so it is audited and synced like any other.
  async apply(tx, a, ctx) {
    const c = await tx.get('conflicts', a.conflictId);
    if (!c) return rejected('conflict-not-found', 'no such conflict');
    // A3: only a conflict about one of the device's stations; the console sees them all.
    if (!mayActAtAny(ctx, c.stationIds)) return rejected('not-allowed-at-station', 'this conflict is not about your stations');
    if (c.status === 'resolved') return rejected('conflict-already-resolved', 'this conflict was already resolved');
    if (a.choice === 'mine') {
      // The tablet's change, applied now in this same transaction as its person made it (their
      // role and stations, their device and device time); the resolver's act is this mutation.
      const user = await tx.get('users', c.actorId);
      if (!user) return rejected('unknown-actor', 'the person who made this change is not known');
      const again = await applyMutation(tx, c.mutation, c.args, {
        ...ctx,
        actor: { id: user.id, role: user.role, stationIds: user.stationIds },
        deviceId: c.deviceId,
        at: c.at,
        backing: undefined,
      });
      if (again.outcome === 'rejected') return again;
      if (again.outcome === 'conflict') return rejected('conflict-still-stands', `the change still cannot be applied: ${again.message}`);
    }
    await tx.put('conflicts', {
      ...c,
      status: 'resolved',
      resolvedBy: ctx.actor.id,
      resolution: a.resolution ?? null,
      ...(ctx.backing && { resolvedBacking: ctx.backing }),
    });
    return applied();
  },
});
