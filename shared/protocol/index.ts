import { z } from 'zod';
import { ENTITY_NAMES, type EntityName } from '../schema';
import { Language } from '../language';

/** Sync protocol version (DESIGN §5). A client on another version gets `protocol-version` (S9). */
export const PROTOCOL_VERSION = 1;

/** Largest request body the server reads; larger ones get 413 `body-too-large`. */
export const MAX_BODY_BYTES = 1_000_000;
/** Most mutations one push may carry. */
export const MAX_PUSH_MUTATIONS = 500;
/** Most changes one pull page returns. */
export const PULL_PAGE_SIZE = 5_000;

/**
 * Headers a tablet sends with every push and pull: how many changes wait in its outbox, and its
 * app version. The server keeps the last of each on the device row for the console (stuck tablets).
 */
export const OUTBOX_HEADER = 'x-floorboard-outbox';
export const VERSION_HEADER = 'x-floorboard-version';
/**
 * A mutation's `args` beyond these bounds are answered `rejected` (`args-too-large`,
 * `args-too-deep`) and the queue moves on (S5). The catalogue's schemas are at most three levels
 * deep and their largest args (a schedule change to 500 work orders) stay well under the size;
 * the depth is far below what the databases' JSON functions accept (SQLite: 1,000 levels).
 */
export const MAX_ARGS_BYTES = 128_000;
export const MAX_ARGS_DEPTH = 16;
/** Nesting allowed in a request outside a mutation's `args`; deeper is 400 `request-too-deep`. */
export const MAX_ENVELOPE_DEPTH = 8;

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
  /** HMAC of the mutation with the actor's PIN-derived key (shared/domain/proof.ts, A2). */
  proof: z.string().max(128).optional(),
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
    /**
     * The cursor's fingerprint, `<seq>:<hash>` of the server's newest audit link when the page was
     * read. The client sends it back with its cursor (`&tag=`); a server whose chain no longer
     * holds that link (restored from an older backup, commits lost) answers `{ reset: true }`.
     */
    tag: z.string().optional(),
    /**
     * Only on a pull from cursor 0: how many records the whole download brings (what the device
     * may see, tombstones left out), so the first sync can show "12,000 of 24,052" (L4). Optional:
     * a client must not rely on it, and the last page may bring a few more committed meanwhile.
     */
    total: z.number().int().nonnegative().optional(),
  }),
  z.object({ reset: z.literal(true) }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

/** The SSE event that tells a client to pull; it carries the newest cursor and nothing else. */
export const POKE_EVENT = 'poke';
/** The last SSE event before the server ends a stream; data `{ code }`: `unauthorized` or `too-many-streams`. */
export const STREAM_CLOSED_EVENT = 'closed';

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
  /** Too many wrong enrollment codes from this address (X2); `retryAt` says when to try again. */
  'enrollment-locked',
  /** A body that is not `application/json` (X2). */
  'unsupported-media-type',
  /** A write with the console cookie from another site's page (X2, CSRF). */
  'cross-origin-request',
  'client-taken',
  /** A re-enrollment whose proof of the earlier enrollment (its device id and token) does not hold. */
  'enrollment-previous-invalid',
  /** "Show code again" for a device a tablet already enrolled as: a new code would take it over. */
  'device-already-enrolled',
  /** Nested deeper than MAX_ENVELOPE_DEPTH outside a mutation's args. */
  'request-too-deep',
  /** A string with a lone UTF-16 surrogate or a NUL, which the databases' JSON types refuse. */
  'invalid-text',
  /** Too many pushes from one device; retry after the `Retry-After` header's seconds. */
  'rate-limited',
  /** The database cannot write now (disk full, I/O error, read-only, busy, unreachable); retry later. */
  'storage-unavailable',
  /** Console users (A3): password rules, a username in use, a wrong old password, disabling oneself. */
  'password-too-short',
  'password-is-username',
  'username-taken',
  'old-password-wrong',
  'cannot-disable-self',
  /** Floor people (A2): a badge in use, a station that does not exist, PIN rules, an office user. */
  'badge-taken',
  'unknown-station',
  'stations-required',
  'pin-format',
  'pin-too-simple',
  'not-a-floor-person',
  'no-pin-for-role',
  /** Plant setup (/api/plant): names in use, a department or station that does not exist, shift rules, a station still in use, a restore of what is not retired. */
  'department-name-taken',
  'unknown-department',
  'station-name-taken',
  'station-retired',
  'station-in-use',
  'station-not-retired',
  'reason-code-taken',
  'reason-not-retired',
  'shift-name-taken',
  'shift-times-equal',
  'break-too-long',
  /** Blobs (T2): a file that is not PDF, PNG, JPEG or Markdown by its bytes; bytes whose sha256 is not the one the uploader expected. */
  'unsupported-content-type',
  'sha256-mismatch',
  /** A server bug, never bad input (S5). */
  'internal-error',
]);
export type HttpErrorCode = z.infer<typeof HttpErrorCode>;

export const ErrorBody = z.object({
  code: HttpErrorCode,
  message: z.string(),
  lastMutationId: z.number().int().optional(),
  issues: z.array(z.unknown()).optional(),
  /** With `sign-in-locked` and `enrollment-locked`: when the next attempt may come (ISO time). */
  retryAt: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * The enrollment this tablet held before (docs/sync.md, "Enrolling again"): its device id, the
 * client id its outbox is numbered under, and its token as the proof it held that enrollment.
 * The new device takes over the client's mutation cursor, so the queued work goes on where it was.
 */
export const PreviousEnrollment = z.object({
  deviceId: z.string().min(1).max(100),
  clientId: z.string().min(8).max(64),
  token: z.string().min(1).max(200),
});
export type PreviousEnrollment = z.infer<typeof PreviousEnrollment>;
export const EnrollRequest = z.object({ code: z.string().min(4).max(64), previous: PreviousEnrollment.optional() });
export const EnrollResponse = z.object({
  deviceId: z.string(),
  token: z.string(),
  name: z.string(),
  stationIds: z.array(z.string()),
  /** With `previous`: the client id now bound to this device, and how far the server had applied it. */
  carried: z.object({ clientId: z.string(), lastMutationId: z.number().int().nonnegative() }).optional(),
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
  /** The last page's `tag` (the cursor's fingerprint): a server restored from a backup answers reset. */
  tag: z.string().max(100).optional(),
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
  /** The language the console speaks for them (L1); absent, the one picked on this browser stays. */
  language: Language.optional(),
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
  /** The tablet's last push or pull, accepted or refused (server time); null before the first. */
  lastSeenAt: z.string().nullable().optional(),
  appVersion: z.string().nullable().optional(),
  /** Changes waiting in the tablet's outbox, as it last reported. */
  outboxCount: z.number().int().nonnegative().nullable().optional(),
  /** Since when its requests have been refused; null when the last one was accepted. */
  refusedSince: z.string().nullable().optional(),
  /** Changes waiting and refused: the queued work does not reach the server. */
  stuck: z.boolean().optional(),
  /** A code was issued and no tablet has enrolled with it yet ("show code again" applies). */
  awaitingEnrollment: z.boolean().optional(),
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

/** The chain's newest link as published (X5); `at` is null for an empty chain. */
export const AuditHead = z.object({ seq: z.number().int().nonnegative(), hash: z.string(), at: z.string().nullable() });
const HeadCheck = z.object({
  ok: z.boolean(),
  expected: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }),
  problem: z.enum(['truncated', 'rewritten']).optional(),
  reason: z.string().optional(),
});

/**
 * `GET /api/audit/verify` answer (A4, X5, server/audit/verify.ts): the chain walk (`entries`, the
 * first link that does not hold), the head, the head check, and the records rebuilt from the chain.
 */
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
  head: AuditHead,
  headCheck: HeadCheck.optional(),
  exportCheck: HeadCheck.optional(),
  state: z.object({
    ok: z.boolean(),
    records: z.number().int().nonnegative(),
    findings: z.array(
      z.object({ entity: z.string(), id: z.string(), problem: z.enum(['edited', 'added', 'deleted', 'changed-before']), seq: z.number().int().optional() }),
    ),
    more: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

/** `GET /api/health` answer; with a data directory also its free space (statfs) and a status. */
export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  status: z.enum(['ok', 'degraded']).optional(),
  storage: z
    .union([z.object({ dir: z.string(), freeBytes: z.number(), totalBytes: z.number(), low: z.boolean() }), z.object({ dir: z.string(), error: z.string() })])
    .optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export * from './people';
export * from './plant';
export * from './users';
