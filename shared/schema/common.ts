import { z } from 'zod';

/** Record ids are strings made on the device that creates the record (UUIDv7), or seed ids. */
export const Id = z.string().min(1).max(128);
/** ISO-8601 timestamp with offset, as produced by `Date.prototype.toISOString`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** Fields the server stamps on every record it stores. */
export const Meta = {
  /** Change sequence at which the record last changed (S6). */
  version: z.number().int().nonnegative(),
  /** Server time of the last change. */
  updatedAt: z.string(),
};

/** DESIGN §3. `auditor` is read-only: it sees everything on the console and may call no mutation (X3). */
export const Role = z.enum([
  'operator',
  'lead',
  'supervisor',
  'coordinator',
  'planner',
  'quality',
  'maintenance',
  'warehouse',
  'engineering',
  'admin',
  'auditor',
]);
export type Role = z.infer<typeof Role>;

/**
 * What backs the actor of an act (A2, A3): the console's password session, a PIN proof made on the
 * tablet, or the tablet's token alone (an operator on an app without proofs).
 */
export const ActBacking = z.enum(['console', 'pin', 'token']);
export type ActBacking = z.infer<typeof ActBacking>;
/** The roles of people who work at the console with a password (floor people sign in with a PIN). */
export const OfficeRole = Role.exclude(['operator', 'lead']);
export type OfficeRole = z.infer<typeof OfficeRole>;
/** The roles of people who work only at tablets, with badge + PIN and no console password. */
export const FloorRole = Role.extract(['operator', 'lead']);
export type FloorRole = z.infer<typeof FloorRole>;
