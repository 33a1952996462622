import { z } from 'zod';
import { Language } from '../language';
import { FloorRole } from '../schema';

// `/api/people` (coordinator, admin): the operators and leads who sign in at tablets with badge +
// PIN (A2). Every write is audited (A4) and reaches the tablets of their stations.

/** A badge as scanned or typed at the tablet: printable, no spaces at either end. */
export const Badge = z.string().trim().min(1).max(64);
/** A PIN on the wire: the rules (shared/domain/pin.ts `pinProblem`) are checked with words, not here. */
export const Pin = z.string().max(64);
const StationIds = z.array(z.string().min(1).max(128)).max(500);

/** `POST /api/people` (coordinator, admin): an operator or lead, who signs in at tablets with badge + PIN (A2). */
export const CreatePersonRequest = z.object({
  name: z.string().trim().min(1).max(100),
  badge: Badge,
  role: FloorRole,
  stationIds: StationIds,
  /** Optional: a person without a PIN is on the roster but cannot sign in until one is set. */
  pin: Pin.optional(),
  /** The language their tablet screens speak once they sign in (L1); absent is the plant's default. */
  language: Language.optional(),
});
export type CreatePersonRequest = z.infer<typeof CreatePersonRequest>;
/** `PATCH /api/people/:id`: what changes; the badge stays (a new badge is a new card, a new person record is not needed). */
export const UpdatePersonRequest = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: FloorRole.optional(),
  stationIds: StationIds.optional(),
  language: Language.optional(),
});
export type UpdatePersonRequest = z.infer<typeof UpdatePersonRequest>;
/** `PUT /api/people/:id/pin`: a new PIN; it replaces the verifier and the proof key together. */
export const SetPinRequest = z.object({ pin: Pin });
export type SetPinRequest = z.infer<typeof SetPinRequest>;
/** A floor person as the console lists them: whether they hold a PIN, never the verifier or the key. */
export const FloorPerson = z.object({
  id: z.string(),
  name: z.string(),
  badge: z.string(),
  role: z.string(),
  stationIds: z.array(z.string()),
  active: z.boolean(),
  hasPin: z.boolean(),
  language: Language.optional(),
});
export type FloorPerson = z.infer<typeof FloorPerson>;
/** `GET /api/people` answer. */
export const PersonListResponse = z.object({ people: z.array(FloorPerson) });
/** `POST /api/people` and `PATCH /api/people/:id` answers. */
export const PersonResponse = z.object({ person: FloorPerson });
