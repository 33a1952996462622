import { z } from 'zod';
import { ScheduleChangeKind } from '../../schema';
import { applied, mayActAt, mayActAtAll, mayActAtAny, rejected } from '../tx';
import { defineMutator, OFFICE, PEOPLE } from './define';

export const acknowledgeChange = defineMutator({
  args: z.object({ changeId: z.string().min(1) }),
  roles: PEOPLE,
  describe: () => 'acknowledged the schedule change',
  // C1: an acknowledgement is an append; acknowledging twice keeps the first.
  async apply(tx, a, ctx) {
    const change = await tx.get('scheduleChanges', a.changeId);
    if (!change) return rejected('change-not-found', 'no such schedule change');
    if (!mayActAtAny(ctx, change.stationIds)) {
      return rejected('not-allowed-at-station', 'this change was not sent to your station');
    }
    const id = `${change.id}:${ctx.actor.id}`;
    if (await tx.get('acknowledgements', id)) return applied();
    await tx.put('acknowledgements', {
      id,
      changeId: change.id,
      userId: ctx.actor.id,
      deviceId: ctx.deviceId,
      stationId: change.stationIds.find((s) => mayActAt(ctx, s)) ?? null,
      at: ctx.at,
      stationIds: change.stationIds,
    });
    return applied();
  },
});

export const addNote = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    stationId: z.string().min(1),
    text: z.string().trim().min(1).max(4000),
  }),
  roles: PEOPLE,
  describe: (a) => `wrote a note: ${a.text.length > 80 ? `${a.text.slice(0, 77)}…` : a.text}`,
  async apply(tx, a, ctx) {
    if (!(await tx.get('stations', a.stationId))) return rejected('station-not-found', 'no such station');
    if (!mayActAt(ctx, a.stationId)) return rejected('not-allowed-at-station', 'you may not write notes for this station');
    if (await tx.get('notes', a.id)) return rejected('duplicate-id', 'this note was already recorded');
    await tx.put('notes', {
      id: a.id,
      stationId: a.stationId,
      text: a.text,
      userId: ctx.actor.id,
      deviceId: ctx.deviceId,
      at: ctx.at,
    });
    return applied();
  },
});

export const postScheduleChange = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    kind: ScheduleChangeKind,
    message: z.string().trim().min(1).max(2000),
    stationIds: z.array(z.string().min(1)).min(1).max(200),
    workOrderIds: z.array(z.string().min(1)).max(500),
    requiresAck: z.boolean(),
  }),
  roles: OFFICE,
  describe: (a) => `posted a ${a.kind} change: ${a.message}`,
  async apply(tx, a, ctx) {
    if (await tx.get('scheduleChanges', a.id)) return rejected('duplicate-id', 'this change was already posted');
    for (const s of a.stationIds) {
      if (!(await tx.get('stations', s))) return rejected('station-not-found', `no station ${s}`);
    }
    // A3: a tablet posts only to its own stations, about jobs that run there; the console anywhere.
    if (!mayActAtAll(ctx, a.stationIds)) return rejected('not-allowed-at-station', 'a change from this device may only go to its own stations');
    for (const w of a.workOrderIds) {
      const wo = await tx.get('workOrders', w);
      if (!wo) return rejected('work-order-not-found', `no work order ${w}`);
      if (!mayActAtAny(ctx, wo.stationIds)) return rejected('not-allowed-at-station', `${wo.number} does not run at this device's stations`);
    }
    await tx.put('scheduleChanges', {
      id: a.id,
      kind: a.kind,
      message: a.message,
      stationIds: [...new Set(a.stationIds)],
      workOrderIds: [...new Set(a.workOrderIds)],
      requiresAck: a.requiresAck,
      postedBy: ctx.actor.id,
      postedAt: ctx.at,
      ...(ctx.backing && { postedBacking: ctx.backing }),
    });
    return applied();
  },
});
