import { z } from 'zod';
import { ActBacking, Id, Meta, Timestamp } from './common';

/** `revision`: a new traveler revision was released (T1), posted to every station of its routing. */
export const ScheduleChangeKind = z.enum(['priority-shift', 'resequence', 'hold', 'release', 'expedite', 'date-change', 'note', 'revision']);
export type ScheduleChangeKind = z.infer<typeof ScheduleChangeKind>;

export const ScheduleChange = z.object({
  id: Id,
  kind: ScheduleChangeKind,
  message: z.string().min(1),
  stationIds: z.array(Id).min(1),
  workOrderIds: z.array(Id),
  requiresAck: z.boolean(),
  postedBy: Id,
  postedAt: Timestamp,
  /** What backed the poster (A3); absent on older records. */
  postedBacking: ActBacking.optional(),
  ...Meta,
});
export type ScheduleChange = z.infer<typeof ScheduleChange>;

export const Acknowledgement = z.object({
  /** `${changeId}:${userId}`: one acknowledgement per person and change; two Ids and a colon long. */
  id: z
    .string()
    .min(1)
    .max(2 * 128 + 1),
  changeId: Id,
  userId: Id,
  deviceId: Id,
  stationId: Id.nullable(),
  at: Timestamp,
  stationIds: z.array(Id),
  ...Meta,
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const Note = z.object({
  id: Id,
  stationId: Id,
  text: z.string().min(1).max(4000),
  userId: Id,
  deviceId: Id,
  at: Timestamp,
  ...Meta,
});
export type Note = z.infer<typeof Note>;
