import type { EntityName } from '../../shared/schema';

/** A synced record as stored: `value` is the full record as JSON text, spliced into pulls as is. */
export interface StoredRecord {
  entity: EntityName;
  id: string;
  version: number;
  deleted: boolean;
  value: string;
}

/** A record write, already stamped with its version and scopes (see server/sync/records.ts). */
export interface RecordWrite extends StoredRecord {
  updatedAt: string;
  /** Who receives it (S6): `*`, `coordinator`, station ids, `device:<id>`. */
  scopes: string[];
  /** The value of `REF_FIELD[entity]`, for `Tx.byRef`. */
  ref: string | null;
}

export interface ClientRow {
  clientId: string;
  /** `device:<id>` or `console:<userId>`: a client id is bound to the first one that pushes. */
  owner: string;
  lastMutationId: number;
}

export interface DeviceRow {
  id: string;
  name: string;
  stationIds: string[];
  tokenHash: string | null;
  revoked: boolean;
  enrolledAt: string | null;
  createdAt: string;
  /** What the tablet last reported with a push or pull (server/sync/device-report.ts); absent before it did. */
  report?: DeviceReport;
}

/** A device's own account of itself, sent with its pushes and pulls, and what the server made of them. */
export interface DeviceReport {
  /** Server time of the last push or pull, accepted or refused. */
  lastSeenAt: string | null;
  appVersion: string | null;
  /** Outbox entries waiting on the tablet, as it counted them. */
  outboxCount: number | null;
  /** Since when its pushes and pulls have been refused (revoked, client taken, gap); null once one is accepted. */
  refusedSince: string | null;
}

export interface ConsoleUserRow {
  userId: string;
  username: string;
  passwordHash: string;
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  /** The absolute limit (A3), epoch ms. */
  expiresAt: number;
  /** The idle clock: the last request seen, moved at most once a minute (server/auth/session-expiry.ts). */
  lastUsedAt: number;
}

/** A rate-limit counter (X2): attempts counted under one key, and when the next may come. */
export interface AuthLimitRow {
  key: string;
  failures: number;
  /** Epoch ms; 0 or past: not blocked. */
  blockedUntil: number;
  updatedAt: number;
}

/** One link of the audit hash chain (A4); `entry` is the JSON of the entry without its hash. */
export interface AuditRow {
  seq: number;
  prevHash: string;
  hash: string;
  entry: string;
}

/**
 * A link as appended by a mutation: it is also the console's synced `audit` record (DESIGN §3),
 * read by `getRecord('audit', id)` and pulled at `version` like any other record.
 */
export interface AuditLink extends AuditRow {
  /** `clientId:mutationId`, the id of the `audit` record. */
  id: string;
  version: number;
  updatedAt: string;
}

export interface PullQuery {
  after: number;
  upTo: number;
  /** Scopes the client may see, or `all` for the console. */
  scopes: string[] | 'all';
  limit: number;
}

/** Reads that work inside and outside a transaction. */
export interface StoreReader {
  getRecord(entity: EntityName, id: string): Promise<StoredRecord | undefined>;
  byRef(entity: EntityName, ref: string): Promise<StoredRecord[]>;
  countRecords(entity?: EntityName): Promise<number>;
  /** Every record of one entity, tombstones too, by id: for the rare whole-collection reads (the roster). */
  listRecords(entity: Exclude<EntityName, 'audit'>): Promise<StoredRecord[]>;
  /** The newest committed change sequence (0 when empty). */
  head(): Promise<number>;
  getClient(clientId: string): Promise<ClientRow | undefined>;
  getDevice(id: string): Promise<DeviceRow | undefined>;
  getDeviceByTokenHash(tokenHash: string): Promise<DeviceRow | undefined>;
  listDevices(): Promise<DeviceRow[]>;
  getConsoleUser(username: string): Promise<ConsoleUserRow | undefined>;
  countConsoleUsers(): Promise<number>;
  getSession(tokenHash: string): Promise<SessionRow | undefined>;
  /** The user's PIN proof key (base64, A2): server-only, never in a record or a pull. */
  getProofKey(userId: string): Promise<string | undefined>;
  lastAudit(): Promise<AuditRow | undefined>;
  getConsoleUserById(userId: string): Promise<ConsoleUserRow | undefined>;
  /** Every console user by username, without password hashes. */
  listConsoleUsers(): Promise<Omit<ConsoleUserRow, 'passwordHash'>[]>;
  /**
   * The lowest pull cursor the change log still covers (D4, S6): the newest version of a tombstone
   * that `purgeTombstones` removed, 0 when none was. A cursor below it may have missed a deletion.
   */
  retainedFrom(): Promise<number>;
}

/** Writes; only reachable inside `Store.transaction`, so every write is part of one commit. */
export interface StoreWriter extends StoreReader {
  /**
   * Allocates the next change sequence. Called inside the transaction so versions are gap-free in
   * commit order (S6, DESIGN §11): a rolled back transaction gives its number back.
   */
  nextVersion(): Promise<number>;
  /** Allocates `count` consecutive versions at once and returns the first (bulk seeding). */
  reserveVersions(count: number): Promise<number>;
  /**
   * Writes records. A4: the unit that writes them (the savepoint opened directly in the transaction,
   * or the transaction outside any savepoint; see audit-rule.ts) must also `appendAudit`, or it
   * fails with `UnauditedWriteError` before it commits and nothing of it is written.
   */
  putRecords(rows: RecordWrite[]): Promise<void>;
  /**
   * `putRecords` exempt from the audit rule: records no link accounts for. For test fixtures only
   * (the store contract's own cases, tamper tests of the state verify, fake servers' filler);
   * nothing under server/ or bench/ may call it, and test/server/audit-rule.test.ts keeps it so.
   * Server writes without a mutation go through `audited()` or `putAuditedRecords`.
   */
  putRecordsUnaudited(rows: RecordWrite[]): Promise<void>;
  setClient(row: ClientRow): Promise<void>;
  insertDevice(row: DeviceRow): Promise<void>;
  updateDevice(id: string, patch: Partial<Pick<DeviceRow, 'tokenHash' | 'revoked' | 'enrolledAt'> & { report: DeviceReport }>): Promise<void>;
  insertEnrollmentCode(codeHash: string, deviceId: string, expiresAt: number): Promise<void>;
  /** Removes every unused enrollment code of a device (a fresh one replaces them). */
  dropEnrollmentCodes(deviceId: string): Promise<void>;
  /** Marks an unused, unexpired code used and returns its device id; undefined otherwise. */
  useEnrollmentCode(codeHash: string, nowMs: number, usedAt: string): Promise<string | undefined>;
  upsertConsoleUser(row: ConsoleUserRow): Promise<void>;
  insertSession(row: SessionRow): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /**
   * Adds `delta` to a rate-limit counter (created at 0; one untouched since `forgetBefore` starts
   * over, unblocked) and returns it. One atomic upsert: on PostgreSQL its row lock holds until
   * commit, so concurrent attempts on one key count one after another (X2).
   */
  bumpAuthLimit(key: string, delta: number, nowMs: number, forgetBefore: number): Promise<AuthLimitRow>;
  /** Sets when the next attempt under a counter may come (0: now). */
  blockAuthLimit(key: string, blockedUntil: number): Promise<void>;
  deleteAuthLimit(key: string): Promise<void>;
  /** Sets (or, with null, removes) the user's PIN proof key; written with the user's verifier. */
  setProofKey(userId: string, key: string | null): Promise<void>;
  /** Moves a session's idle clock. */
  touchSession(tokenHash: string, lastUsedAt: number): Promise<void>;
  /** Ends every session of a user except `keepTokenHash`'s; returns how many ended. */
  deleteUserSessions(userId: string, keepTokenHash?: string): Promise<number>;
  /** Deletes sessions past `nowMs` or last used at or before `idleCutoffMs`; returns how many. */
  purgeSessions(nowMs: number, idleCutoffMs: number): Promise<number>;
  /**
   * Removes the tombstones (`deleted` records) last written before `updatedBefore` (server time,
   * ISO) and raises `retainedFrom` to the newest version removed; returns how many went and the
   * new `retainedFrom`. Live records are never touched: they are their own change log.
   */
  purgeTombstones(updatedBefore: string): Promise<{ purged: number; retainedFrom: number }>;
  /** Appends a link of the chain; it is also the `audit` record (never written by putRecords). It covers the unit's records (A4). */
  appendAudit(row: AuditLink): Promise<void>;
  /**
   * Runs `fn` as a nested unit (SQL SAVEPOINT): if it throws, its writes are rolled back and the
   * error is rethrown, while the enclosing transaction and what ran before it stay intact.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * The server's storage (DESIGN §2, §11), implemented by SQLite (sqlite/) and PostgreSQL
 * (postgres/); both pass one contract suite (test/server/store-contract.ts).
 */
export interface Store extends StoreReader {
  /** Runs `fn` in one serialized read-write transaction; it commits when `fn` resolves. */
  transaction<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Records with `after < version <= upTo` visible to `scopes`, in version order, at most `limit`. */
  pull(q: PullQuery): Promise<StoredRecord[]>;
  /** Records of exactly one version visible to `scopes` (a version larger than a page). */
  pullVersion(version: number, scopes: string[] | 'all'): Promise<StoredRecord[]>;
  /** How many records a pull from cursor 0 up to `upTo` brings to `scopes` (L4: the first sync's total). */
  countPull(upTo: number, scopes: string[] | 'all'): Promise<number>;
  auditEntries(afterSeq: number, limit: number): Promise<AuditRow[]>;
  close(): Promise<void>;
}
