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

/** DESIGN §3's roles; `auditor` is read-only. */
export const Role = z.enum([
  'operator', 'lead', 'supervisor', 'coordinator', 'planner', 'quality', 'maintenance', 'warehouse', 'engineering', 'admin', 'auditor',
]);
export type Role = z.infer<typeof Role>;
/** The roles of people who work at the console with a password (floor people sign in with a PIN). */
export const OfficeRole = Role.exclude(['operator', 'lead']);
export type OfficeRole = z.infer<typeof OfficeRole>;
