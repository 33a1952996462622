import { z } from 'zod';
import { ENTITY_NAMES, OfficeRole, type EntityName } from '../schema';

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
  /** Console users (A3): password rules, a username in use, a wrong old password, disabling oneself. */
  'password-too-short',
  'password-is-username',
  'username-taken',
  'old-password-wrong',
  'cannot-disable-self',
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
/** A console username: what people type at sign-in, so letters, digits and `.`, `_`, `-` only. */
export const Username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, ".", "_" or "-", 2 to 64 of them');
/** `POST /api/users` (coordinator, admin): an office user with a console password (A3). */
export const CreateUserRequest = z.object({
  username: Username,
  name: z.string().trim().min(1).max(100),
  role: OfficeRole,
  password: z.string().max(200),
  /** Defaults to the username; office users sign in on a tablet only once they hold a PIN. */
  badge: z.string().trim().min(1).max(64).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
/** `PUT /api/users/:id/password`: `oldPassword` is required when people change their own. */
export const SetPasswordRequest = z.object({
  password: z.string().max(200),
  oldPassword: z.string().max(200).optional(),
});
/** A console user as `GET /api/users` lists it: never a password hash. */
export const ConsoleUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.string(),
  badge: z.string(),
  active: z.boolean(),
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;
