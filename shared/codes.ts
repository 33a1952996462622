import { HttpErrorCode } from './protocol';

/**
 * Every result code Floorboard can show a person, as unions (STYLE habit 2): a new code that is not
 * a member here does not compile where it is made, and a member without words in every language
 * does not compile in app/i18n/<lang>/codes.ts. test/unit/shared-codes.test.ts checks these lists
 * against a scan of the sources.
 */

/** Why a mutation was refused (S5): by its mutator in shared/domain, or by the server before it ran. */
export const REJECTION_CODES = [
  // shared/domain/mutators: the catalogue's own checks (index.ts) and each mutator's rules.
  'unknown-mutation',
  'invalid-args',
  'role-not-allowed',
  'not-allowed-at-station',
  'duplicate-id',
  'operation-not-found',
  'work-order-not-found',
  'station-not-found',
  'change-not-found',
  'hold-not-found',
  'conflict-not-found',
  'conflict-already-resolved',
  // resolveConflict "apply mine": the tablet's change still meets a state it cannot change.
  'conflict-still-stands',
  'empty-report',
  'scrap-reason-required',
  'unknown-scrap-reason',
  // server/sync/authorize.ts (A3): who the actor is and what backs the claim.
  'unknown-actor',
  'actor-inactive',
  'actor-mismatch',
  'actor-not-verified',
  'actor-not-at-device',
  // server/sync/bounds.ts: arguments out of bounds.
  'args-too-large',
  'args-too-deep',
  'args-invalid-text',
  // server/sync/apply-one.ts: a mutator that threw (a bug), answered as a value so the queue moves.
  'server-error',
  // shared/domain/mutators/documents.ts, travelers.ts (T1, T2).
  'console-only',
  'document-not-found',
  'document-not-draft',
  'document-not-released',
  'document-revision-exists',
  'traveler-revision-exists',
  // shared/domain/mutators/corrections.ts (C1): correcting and undoing.
  'report-not-found',
  'not-your-report',
  'not-your-act',
  'correction-window-closed',
  'correction-below-zero',
  'correction-unchanged',
  'undo-window-closed',
  'undo-superseded',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Why a mutation became a conflict (C2, C3): the state it wanted to change moved on meanwhile. */
export const CONFLICT_CODES = [
  'work-order-on-hold',
  'hold-already-released',
  'field-changed-since-read',
  // shared/domain/operation-machine.ts: a transition no longer legal.
  'operation-already-running',
  'operation-already-completed',
  'operation-not-running',
  'operation-not-started',
  'illegal-transition',
  // T4: raised by an applied start or completion made on a superseded traveler revision.
  'stale-traveler-revision',
  // A cancelled work order takes no more work (docs/work-orders.md).
  'work-order-cancelled',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

/** The operation machine's refusals: a subset of the conflict codes. */
export type TransitionCode = Extract<
  ConflictCode,
  'operation-already-running' | 'operation-already-completed' | 'operation-not-running' | 'operation-not-started' | 'illegal-transition'
>;

/** What the app itself reports about talking to the server (app/sync): no server said these. */
export const CLIENT_CODES = [
  'offline',
  'network-error',
  'invalid-response',
  'device-revoked-or-unknown',
  'not-enrolled',
  'too-many-streams',
  'server-reset-loop',
  'server-pull-stuck',
  'server-pull-raced',
  'server-push-incomplete',
] as const;
export type ClientCode = (typeof CLIENT_CODES)[number];

export const HTTP_ERROR_CODES = HttpErrorCode.options;
export type { HttpErrorCode };

/** Every code a screen may have to put in words. */
export type Code = RejectionCode | ConflictCode | HttpErrorCode | ClientCode;

export const ALL_CODES: readonly Code[] = [...new Set<Code>([...REJECTION_CODES, ...CONFLICT_CODES, ...HTTP_ERROR_CODES, ...CLIENT_CODES])];

const KNOWN = new Set<string>(ALL_CODES);
/** Is this string one of the codes above (a server newer than the app may send others)? */
export const isCode = (s: string | null | undefined): s is Code => typeof s === 'string' && KNOWN.has(s);
