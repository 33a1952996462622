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
  /**
   * Where each operation of the routing stands, so a station's tablet (which holds only its own
   * operations, S6) can show the whole routing on the job screen. Kept by the operation mutators;
   * absent on records written before, filled in at the next transition on the server.
   */
  routing: z.array(z.lazy(() => RoutingStep)).optional(),
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

/** One operation of a work order's routing, as the work order summarises it. */
export const RoutingStep = z.object({
  operationId: Id,
  seq: z.number().int().positive(),
  stationId: Id,
  name: z.string(),
  status: OperationStatus,
});
export type RoutingStep = z.infer<typeof RoutingStep>;

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

/**
 * An operation's last state change: who, and also the state it left and the applying side's clock
 * (`recordedAt`, server time on the server), so its actor can undo it within the window (§4 undoLast).
 * Both are absent on older records.
 */
export const OperationChange = LastChange.extend({
  from: OperationStatus.optional(),
  recordedAt: Timestamp.optional(),
});
export type OperationChange = z.infer<typeof OperationChange>;

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
  lastChange: OperationChange.nullable(),
  /** Why it was paused, while it is paused (the queue says why). Absent on older records. */
  pauseReason: z.string().max(200).nullable().optional(),
  ...Meta,
});
export type Operation = z.infer<typeof Operation>;

/** T6: special requirements that travel with a work order, on the traveler header and the job screen. */
export const SpecialFlag = z.enum(['first-article', 'npi', 'trial', 'customer-special']);
export type SpecialFlag = z.infer<typeof SpecialFlag>;

/** T2: the content types a document may have; nothing else renders. */
export const DocumentContentType = z.enum(['application/pdf', 'image/png', 'image/jpeg', 'text/markdown']);
export type DocumentContentType = z.infer<typeof DocumentContentType>;

/** A blob's address: the lower-case hex sha256 of its bytes. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * T2: a controlled document at one revision (a drawing, a work instruction, a photo). Its file is
 * a blob addressed by `sha256` (`GET /api/blobs/:sha256`). A new revision of the same `number`
 * is a new record; releasing it supersedes the released one.
 */
export const Document = z.object({
  id: Id,
  /** The plant's document number, e.g. `DWG-1001`; one released revision per number. */
  number: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  revision: z.string().min(1).max(16),
  status: z.enum(['draft', 'released', 'superseded']),
  contentType: DocumentContentType,
  sha256: Sha256,
  bytes: z.number().int().positive(),
  reviewDueAt: Timestamp.nullable().optional(),
  releasedAt: Timestamp.nullable(),
  releasedBy: Id.nullable(),
  /** The stations of the travelers that list it: the tablets that must hold it (T3). */
  stationIds: z.array(Id),
  ...Meta,
});
export type Document = z.infer<typeof Document>;

/**
 * T1: one work order at one revision. Releasing a new revision supersedes the previous one in the
 * same mutation. `barcode` is the payload of its cover sheet (DESIGN §9, `FB1|WO||rev`: no operation;
 * the per-operation sheets print `FB1|WO|seq|rev`).
 */
export const Traveler = z.object({
  id: Id,
  workOrderId: Id,
  barcode: z.string().min(1),
  revision: z.string().min(1).max(16),
  status: z.enum(['released', 'superseded']),
  documentIds: z.array(Id),
  /** T6 flags and their notes. */
  flags: z.array(SpecialFlag),
  notes: z.string().max(2000),
  releasedAt: Timestamp,
  releasedBy: Id,
  stationIds: z.array(Id),
  ...Meta,
});
export type Traveler = z.infer<typeof Traveler>;

/**
 * An append (C1, A4): a `report` counts parts; a `correction` adjusts one earlier report by signed
 * deltas (`correctsId`, with its `reason`), written by correctQuantity or undoLast. Nothing is
 * ever edited: the operation's totals are the sum of all of them. Absent `kind` is a report.
 */
export const QuantityReport = z
  .object({
    id: Id,
    operationId: Id,
    workOrderId: Id,
    stationId: Id,
    kind: z.enum(['report', 'correction']).optional(),
    /** For a correction: the report it adjusts. */
    correctsId: Id.optional(),
    /** For a correction: why, in the person's words or a picked reason. */
    reason: z.string().min(1).max(500).optional(),
    good: z.number().int(),
    scrap: z.number().int(),
    scrapReason: z.string().nullable(),
    userId: Id,
    deviceId: Id,
    at: Timestamp,
    /** `over-reported` when good + scrap passed the quantity ordered (C5). */
    flags: z.array(z.string()),
    ...Meta,
  })
  .refine((q) => q.kind === 'correction' || (q.good >= 0 && q.scrap >= 0), { message: 'only a correction may count down', path: ['good'] })
  .refine((q) => q.kind !== 'correction' || (q.correctsId !== undefined && q.reason !== undefined), {
    message: 'a correction names the report it corrects and why',
    path: ['correctsId'],
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
