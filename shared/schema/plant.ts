import { z } from 'zod';
import { Id, Meta } from './common';

export const Department = z.object({ id: Id, name: z.string().min(1), ...Meta });
export type Department = z.infer<typeof Department>;

export const Station = z.object({
  id: Id,
  name: z.string().min(1),
  departmentId: Id,
  /** The line or cell inside the department, for grouping on screens. */
  line: z.string().default(''),
  /**
   * A retired station keeps its history (operations, reports, notes still name it) but is hidden
   * from new choices: no new device, person or operation at it. Absent on stations never retired
   * and on restored ones.
   */
  retired: z.boolean().optional(),
  ...Meta,
});
export type Station = z.infer<typeof Station>;

/** A shift in the plant calendar; `end` earlier than `start` means it crosses midnight. */
export const Shift = z.object({
  id: Id,
  name: z.string().min(1),
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  /** Planned breaks in minutes, taken off planned production time (§10). */
  plannedBreakMinutes: z.number().int().nonnegative(),
  ...Meta,
});
export type Shift = z.infer<typeof Shift>;

export const ReasonKind = z.enum(['downtime-planned', 'downtime-unplanned', 'changeover', 'scrap']);
export type ReasonKind = z.infer<typeof ReasonKind>;
export const ReasonCode = z.object({
  id: Id,
  code: z.string().min(1),
  kind: ReasonKind,
  label: z.string().min(1),
  /** Retired: no longer offered on the tablets; reports already made with it keep it (C1). */
  retired: z.boolean().optional(),
  ...Meta,
});
export type ReasonCode = z.infer<typeof ReasonCode>;

/**
 * Plant-wide settings the coordinator changes at the console: one record, id `plant`, pulled by
 * every tablet (scope `*`). `idleSignOutMinutes`: a tablet signs its person out after this long
 * without input (A2); drafts are kept.
 */
export const PLANT_SETTINGS_ID = 'plant';
export const IDLE_SIGN_OUT_MINUTES = { min: 1, max: 480, default: 15 } as const;
export const PlantSettings = z.object({
  id: z.literal(PLANT_SETTINGS_ID),
  idleSignOutMinutes: z.number().int().min(IDLE_SIGN_OUT_MINUTES.min).max(IDLE_SIGN_OUT_MINUTES.max),
  ...Meta,
});
export type PlantSettings = z.infer<typeof PlantSettings>;
