import { z } from 'zod';
import { ActBacking, Id, Meta, Timestamp } from './common';

/** A change that reached the server but could not be applied as the tablet did (C2, C3). */
export const Conflict = z.object({
  /** `${clientId}:${mutationId}` of the mutation that lost. */
  id: Id,
  mutation: z.string(),
  args: z.unknown(),
  actorId: Id,
  deviceId: Id,
  at: Timestamp,
  code: z.string(),
  message: z.string(),
  /** The other side: who made the state the server kept, and when (device time). */
  other: z.object({ mutation: z.string(), actorId: Id, deviceId: Id, at: Timestamp }).nullable(),
  kept: z.record(z.string(), z.unknown()),
  stationIds: z.array(Id),
  status: z.enum(['open', 'resolved']),
  resolvedBy: Id.nullable(),
  resolution: z.string().nullable(),
  /** What backed the losing act's actor, and the resolver (A3); absent on older records. */
  backing: ActBacking.optional(),
  resolvedBacking: ActBacking.optional(),
  ...Meta,
});
export type Conflict = z.infer<typeof Conflict>;

/** A mutation the server refused (S5), kept so the device that sent it shows why. */
export const Rejection = z.object({
  id: Id,
  mutation: z.string(),
  args: z.unknown(),
  actorId: z.string(),
  deviceId: Id,
  at: z.string(),
  code: z.string(),
  message: z.string(),
  backing: ActBacking.optional(),
  ...Meta,
});
export type Rejection = z.infer<typeof Rejection>;

/** One applied, rejected or conflicting mutation in the hash-chained audit trail (A4). */
export const AuditEntry = z.object({
  id: Id,
  seq: z.number().int().positive(),
  clientId: z.string(),
  mutationId: z.number().int().positive(),
  mutation: z.string(),
  args: z.unknown(),
  actorId: z.string(),
  deviceId: z.string(),
  stationIds: z.array(Id),
  at: z.string(),
  serverAt: Timestamp,
  outcome: z.enum(['applied', 'rejected', 'conflict']),
  code: z.string().nullable(),
  /** Absent on entries written before proofs existed: read them as `console` or `token`. */
  backing: ActBacking.optional(),
  /** `late` (synced long after it happened), `clock-ahead`, `clock-behind` (S10). */
  flags: z.array(z.string()),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  ...Meta,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
