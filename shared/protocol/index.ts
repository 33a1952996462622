import { z } from 'zod';
import { ENTITY_NAMES, type EntityName } from '../schema';

/** Sync protocol version (DESIGN §5). A client on another version gets `protocol-version` (S9). */
export const PROTOCOL_VERSION = 1;

/** Largest request body the server reads; larger ones get 413 `body-too-large`. */
export const MAX_BODY_BYTES = 1_000_000;
/** Most mutations one push may carry. */
export const MAX_PUSH_MUTATIONS = 500;
/** Most changes one pull page returns. */
export const PULL_PAGE_SIZE = 5_000;

export const PushMutation = z.object({
  /** 1, 2, 3 … per client, never reused (S1). */
  id: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  actorId: z.string().min(1).max(128),
  /** Device time when the person did it (S10). */
  at: z.iso.datetime({ offset: true }),
  /** The version of the record the user saw, for field edits (C3). */
  base: z.number().int().nonnegative().optional(),
});
export type PushMutation = z.infer<typeof PushMutation>;

export const PushRequest = z.object({
  protocol: z.number().int(),
  clientId: z.string().min(8).max(64),
  mutations: z.array(PushMutation).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Outcome = z.enum(['applied', 'rejected', 'conflict']);
export type Outcome = z.infer<typeof Outcome>;

export const MutationResult = z.object({
  id: z.number().int().positive(),
  outcome: Outcome,
  code: z.string().optional(),
  message: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Change = z.object({
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  id: z.string(),
  version: z.number().int().nonnegative(),
  deleted: z.boolean().optional(),
  value: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.union([
  z.object({
    cursor: z.number().int().nonnegative(),
    lastMutationId: z.number().int().nonnegative(),
    changes: z.array(Change),
    more: z.boolean(),
  }),
  z.object({ reset: z.literal(true) }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

/** The SSE event that tells a client to pull; it carries the newest cursor and nothing else. */
export const POKE_EVENT = 'poke';

/** Every error code the HTTP layer answers with, in one union. */
export const HttpErrorCode = z.enum([
  'malformed-json',
  'invalid-request',
  'body-too-large',
  'protocol-version',
  'mutation-gap',
  'unauthorized',
  'forbidden',
  'not-found',
  'invalid-credentials',
  'enrollment-code-invalid',
  'sign-in-locked',
  'client-taken',
  /** A server bug, never bad input (S5). */
  'internal-error',
]);
export type HttpErrorCode = z.infer<typeof HttpErrorCode>;

export const ErrorBody = z.object({
  code: HttpErrorCode,
  message: z.string(),
  lastMutationId: z.number().int().optional(),
  issues: z.array(z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const EnrollRequest = z.object({ code: z.string().min(4).max(64) });
export const EnrollResponse = z.object({
  deviceId: z.string(),
  token: z.string(),
  name: z.string(),
  stationIds: z.array(z.string()),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
export const CreateDeviceRequest = z.object({
  name: z.string().min(1).max(100),
  stationIds: z.array(z.string().min(1)).min(1),
});
export const SessionRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** `GET /api/sync/pull` query (S6). Query values are strings: the cursor is coerced. */
export const PullQuery = z.object({
  clientId: z.string().min(8).max(64),
  cursor: z.coerce.number().int().nonnegative().default(0),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** The data of a `poke` event: the newest cursor, so a client already there need not pull. */
export const PokeData = z.object({ cursor: z.number().int().nonnegative() });
export type PokeData = z.infer<typeof PokeData>;

/** The signed-in console user; `username` comes with the sign-in answer. */
export const SessionUser = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  username: z.string().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** `POST /api/session` (with the cookie) and `GET /api/session` answer. */
export const SessionResponse = z.object({ user: SessionUser });
export type SessionResponse = z.infer<typeof SessionResponse>;
export type SessionRequest = z.infer<typeof SessionRequest>;

/** A device as the console lists it: never its token hash (A1). */
export const PublicDevice = z.object({
  id: z.string(),
  name: z.string(),
  stationIds: z.array(z.string()),
  revoked: z.boolean(),
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicDevice = z.infer<typeof PublicDevice>;

/** `GET /api/devices` answer. */
export const DeviceListResponse = z.object({ devices: z.array(PublicDevice) });
export type DeviceListResponse = z.infer<typeof DeviceListResponse>;

/** `POST /api/devices` answer: the one-time code to type or scan on the tablet. */
export const CreateDeviceResponse = z.object({
  deviceId: z.string(),
  enrollmentCode: z.string(),
  expiresAt: z.string(),
});
export type CreateDeviceResponse = z.infer<typeof CreateDeviceResponse>;
export type CreateDeviceRequest = z.infer<typeof CreateDeviceRequest>;
export type EnrollRequest = z.infer<typeof EnrollRequest>;

/** `GET /api/audit/verify` answer (A4): the first link that does not hold, if any. */
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

/** `GET /api/health` answer. */
export const HealthResponse = z.object({ ok: z.literal(true), version: z.string() });
export type HealthResponse = z.infer<typeof HealthResponse>;
