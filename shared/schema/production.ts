import { z } from 'zod';
import { ActBacking, Id, Meta, Timestamp } from './common';

export const WorkOrderStatus = z.enum(['released', 'in-progress', 'completed', 'cancelled']);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

export const WorkOrder = z.object({
  id: Id,
  /** ERP work-order number, as printed on the traveler. */
  number: z.string().min(1),
  partNumber: z.string().min(1),
  description: z.string(),
  revision: z.string().min(1),
  quantity: z.number().int().positive(),
  dueAt: Timestamp,
  /** 1 is the most urgent. */
  priority: z.number().int().min(1).max(999),
  status: WorkOrderStatus,
  /** Operations in its routing; a tablet holds only its stations' share of them. */
  operationCount: z.number().int().positive(),
  /** Stations of its routing: the scope that decides which tablets receive it. */
  stationIds: z.array(Id),
  /** Per field (`priority`, `dueAt`), who edited it last and at which version (C3). */
  edits: z
    .record(
      z.string(),
      z.lazy(() => FieldEdit),
    )
    .optional(),
  ...Meta,
});
export type WorkOrder = z.infer<typeof WorkOrder>;

export const OperationStatus = z.enum(['pending', 'running', 'paused', 'completed']);
export type OperationStatus = z.infer<typeof OperationStatus>;

/** Who last changed a record's state, kept so a conflict can name both sides (C2). */
export const LastChange = z.object({
  mutation: z.string(),
  actorId: Id,
  deviceId: Id,
  at: Timestamp,
});
export type LastChange = z.infer<typeof LastChange>;

/** The last edit of one coordinator-edited field: a later edit based on an older version conflicts (C3). */
export const FieldEdit = LastChange.extend({ version: z.number().int().nonnegative() });
export type FieldEdit = z.infer<typeof FieldEdit>;

export const Operation = z.object({
  id: Id,
  workOrderId: Id,
  seq: z.number().int().positive(),
  stationId: Id,
  name: z.string(),
  idealCycleSeconds: z.number().nonnegative(),
  status: OperationStatus,
  good: z.number().int().nonnegative(),
  scrap: z.number().int().nonnegative(),
  lastChange: LastChange.nullable(),
  ...Meta,
});
export type Operation = z.infer<typeof Operation>;

export const TravelerDocument = z.object({
  title: z.string().min(1),
  revision: z.string().min(1),
  contentType: z.enum(['text/markdown', 'text/plain']),
  content: z.string(),
});

export const Traveler = z.object({
  id: Id,
  workOrderId: Id,
  /** The payload printed as Code 128 on the traveler. */
  barcode: z.string().min(1),
  revision: z.string().min(1),
  released: z.boolean(),
  documents: z.array(TravelerDocument),
  stationIds: z.array(Id),
  ...Meta,
});
export type Traveler = z.infer<typeof Traveler>;

export const QuantityReport = z.object({
  id: Id,
  operationId: Id,
  workOrderId: Id,
  stationId: Id,
  good: z.number().int().nonnegative(),
  scrap: z.number().int().nonnegative(),
  scrapReason: z.string().nullable(),
  userId: Id,
  deviceId: Id,
  at: Timestamp,
  /** `over-reported` when good + scrap passed the quantity ordered (C5). */
  flags: z.array(z.string()),
  ...Meta,
});
export type QuantityReport = z.infer<typeof QuantityReport>;

export const HoldKind = z.enum(['quality', 'material', 'engineering']);
export type HoldKind = z.infer<typeof HoldKind>;
export const Hold = z.object({
  id: Id,
  workOrderId: Id,
  operationId: Id.nullable(),
  kind: HoldKind,
  reason: z.string().min(1),
  status: z.enum(['open', 'released']),
  placedBy: Id,
  placedDeviceId: Id,
  placedAt: Timestamp,
  /** What backed the placer and the releaser (A3); absent on older records. */
  placedBacking: ActBacking.optional(),
  releasedBacking: ActBacking.optional(),
  releasedBy: Id.nullable(),
  releasedDeviceId: Id.nullable(),
  releasedAt: Timestamp.nullable(),
  stationIds: z.array(Id),
  ...Meta,
});
export type Hold = z.infer<typeof Hold>;
