import { z } from 'zod';
import { CLOCK_TIME } from '../domain/shifts';
import { Department, IDLE_SIGN_OUT_MINUTES, PLANT_SETTINGS_ID, ReasonCode, ReasonKind, Shift, Station } from '../schema';

// `/api/plant` (coordinator, admin): the plant's own definition after `npm start` — departments,
// stations, reason codes and shifts. Every write is audited (A4) and reaches the tablets.

const Name = z.string().trim().min(1).max(100);
const Line = z.string().trim().max(100);
/** A reason code as the tablets send it in `reportQuantity.scrapReason`: short, no spaces. */
export const ReasonCodeText = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, ".", "_" or "-", at most 32, no spaces');
const Label = z.string().trim().min(1).max(120);
const ClockTime = z.string().regex(CLOCK_TIME, 'HH:MM on a 24-hour clock');
const BreakMinutes = z.number().int().nonnegative().max(1_440);

/** `POST /api/plant/departments` and `PATCH /api/plant/departments/:id`. */
export const DepartmentRequest = z.object({ name: Name });
export type DepartmentRequest = z.infer<typeof DepartmentRequest>;

/** `POST /api/plant/stations`: a work center in a department, on a line or cell (may be empty). */
export const CreateStationRequest = z.object({ name: Name, departmentId: z.string().min(1).max(128), line: Line.default('') });
export type CreateStationRequest = z.infer<typeof CreateStationRequest>;
/** `PATCH /api/plant/stations/:id`: rename it, or move it to another department or line. */
export const UpdateStationRequest = z.object({ name: Name.optional(), departmentId: z.string().min(1).max(128).optional(), line: Line.optional() });
export type UpdateStationRequest = z.infer<typeof UpdateStationRequest>;

/** `POST /api/plant/reasons`: a code is unique within its kind, in any case, retired ones included. */
export const CreateReasonRequest = z.object({ kind: ReasonKind, code: ReasonCodeText, label: Label });
export type CreateReasonRequest = z.infer<typeof CreateReasonRequest>;
/** `PATCH /api/plant/reasons/:id`: the label only; the code is what history holds. */
export const UpdateReasonRequest = z.object({ label: Label });
export type UpdateReasonRequest = z.infer<typeof UpdateReasonRequest>;

/** `POST /api/plant/shifts`: an end before the start crosses midnight. */
export const CreateShiftRequest = z.object({ name: Name, start: ClockTime, end: ClockTime, plannedBreakMinutes: BreakMinutes });
export type CreateShiftRequest = z.infer<typeof CreateShiftRequest>;
/** `PATCH /api/plant/shifts/:id`. */
export const UpdateShiftRequest = CreateShiftRequest.partial();
export type UpdateShiftRequest = z.infer<typeof UpdateShiftRequest>;

/** `GET /api/plant`: everything, retired stations and reasons too (marked), each list by name. */
export const PlantResponse = z.object({
  departments: z.array(Department),
  stations: z.array(Station),
  reasonCodes: z.array(ReasonCode),
  shifts: z.array(Shift),
});
export type PlantResponse = z.infer<typeof PlantResponse>;
export const DepartmentResponse = z.object({ department: Department });
export const StationResponse = z.object({ station: Station });
export const ReasonResponse = z.object({ reasonCode: ReasonCode });
export const ShiftResponse = z.object({ shift: Shift });

/** `PUT /api/plant/settings`: the plant's settings (A2: the tablets' idle sign-out time). */
export const PlantSettingsRequest = z.strictObject({
  idleSignOutMinutes: z.number().int().min(IDLE_SIGN_OUT_MINUTES.min).max(IDLE_SIGN_OUT_MINUTES.max),
});
export type PlantSettingsRequest = z.infer<typeof PlantSettingsRequest>;
/** `GET` / `PUT /api/plant/settings`: the settings as stored, or the defaults before any write. */
export const PlantSettingsResponse = z.object({ settings: z.object({ id: z.literal(PLANT_SETTINGS_ID), idleSignOutMinutes: z.number().int() }) });
export type PlantSettingsResponse = z.infer<typeof PlantSettingsResponse>;
