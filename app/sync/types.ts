import type { Clock } from '../../shared/domain/clock';
import type { FloorboardDB } from '../db';
import type { HistoryOptions } from './history';

/** A tablet authenticates with its device token; the console with its session cookie. */
export type SyncAuth = { kind: 'device' } | { kind: 'console' };

/** Schedules `fn` after `ms`; returns a cancel function. Injected so tests control time. */
export type SetTimer = (fn: () => void, ms: number) => () => void;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SyncClientOptions {
  db: FloorboardDB;
  /** Origin of the server, '' for same-origin. */
  baseUrl: string;
  auth: SyncAuth;
  fetch?: FetchLike;
  clock?: Clock;
  /** Uniform [0, 1): jitter for backoff. */
  random?: () => number;
  setTimer?: SetTimer;
  /** Listen for SSE pokes (default: true in a browser, false elsewhere). */
  eventSource?: boolean;
  /** Delay before syncing after a local mutate, to batch bursts (default 250 ms). */
  debounceMs?: number;
  /** Poll interval while healthy (default 60 s). */
  pollMs?: number;
  /** Backoff bounds after failures (default 1 s … 5 min). */
  backoff?: { baseMs: number; maxMs: number };
  /** Backoff bounds of the poke stream's reconnects (default 1 s … 30 s); reset on every accepted stream. */
  eventsBackoff?: { baseMs: number; maxMs: number };
  /** Makes the clientId (default: a UUIDv7). */
  newClientId?: () => string;
  /** The replica's history window (D4, app/sync/history.ts); `false` keeps every record. */
  history?: HistoryOptions | false;
}

/** What the screens show (DESIGN §8): always visible sync state. */
export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** Outbox entries not yet confirmed by a pull. */
  pending: number;
  lastSyncAt: string | null;
  /** Kebab-case code of the last failure, null after a clean sync. */
  lastError: string | null;
  /** S9: the server speaks another protocol: "update the app". */
  outdated: boolean;
  /**
   * L4: the download from cursor 0 in progress (the first sync, or after a reset or a
   * re-enrollment): records received so far, and the total when the server gave one. Absent otherwise.
   */
  download?: { records: number; total: number | null } | null;
}

export interface MutateOptions {
  /** The record version the user saw, for field edits (C3). */
  base?: number;
}
