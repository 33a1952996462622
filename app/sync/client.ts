import { systemClock } from '../../shared/domain/clock';
import type { MutationInput, MutationName } from '../../shared/domain/mutators';
import type { MutationResultValue } from '../../shared/domain/tx';
import { newId } from '../../shared/ids';
import { ensureClientId, getMeta, readMeta } from '../db';
import { backoffDelay, DEFAULT_BACKOFF, EVENTS_BACKOFF } from './backoff';
import { readPokes } from './events';
import { createRequester } from './http';
import { mutateLocal } from './local';
import { createPruner } from './history';
import { createSyncLock } from './lock';
import { pullAll } from './pull';
import { pushOutbox, type StepError } from './push';
import { startOverAsNewClient } from './recover';
import type { MutateOptions, SetTimer, SyncClientOptions, SyncStatus } from './types';

const defaultTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/**
 * Errors a timer retry cannot fix: wait for a new app, a new enrollment or a sign-in (the online,
 * visibility and poke triggers still try). A mutation-gap is retried: the server may come back.
 */
const PERMANENT = new Set<StepError>(['protocol-version', 'device-revoked-or-unknown', 'not-enrolled']);

export type SyncClient = ReturnType<typeof createSyncClient>;

/** The only code that talks to the server (DESIGN §2): outbox, push/pull loop, backoff, pokes. */
export function createSyncClient(o: SyncClientOptions) {
  const { db, auth } = o;
  const fetchFn = o.fetch ?? ((u: string, i?: RequestInit) => fetch(u, i));
  const clock = o.clock ?? systemClock;
  const random = o.random ?? Math.random;
  const setTimer = o.setTimer ?? defaultTimer;
  const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  const request = createRequester(db, o.baseUrl, auth, fetchFn);
  const withLock = createSyncLock(`floorboard-sync:${db.name}`);
  const iso = () => new Date(clock.now()).toISOString();
  const prune = createPruner(db, auth, () => clock.now(), o.history);
  /** The cursor this pass's pull started from; 0 means the server sent the whole scope again. */
  let pulledFrom = -1;

  const listeners = new Set<(s: SyncStatus) => void>();
  const onLine = typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean' ? navigator.onLine : true;
  let status: SyncStatus = { online: onLine, syncing: false, pending: 0, lastSyncAt: null, lastError: null, outdated: false };
  let failures = 0;
  let running = false;
  let inFlight: Promise<SyncStatus> | null = null;
  let again = false;
  let cancelTimer: (() => void) | null = null;
  let cancelDebounce: (() => void) | null = null;
  let events: AbortController | null = null;
  const detach: (() => void)[] = [];

  const set = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    for (const fn of listeners) fn(status);
  };
  const refreshPending = async () => {
    const [pending, lastSyncAt] = await Promise.all([db.outbox.count(), getMeta(db, 'lastSyncAt')]);
    set({ pending, lastSyncAt: lastSyncAt ?? null });
  };

  function schedule(ms: number) {
    cancelTimer?.();
    cancelTimer = running ? setTimer(() => void syncNow(), ms) : null;
  }

  /** L4: the download from cursor 0, page by page, until the pass ends. */
  const onDownload = (records: number, total: number | null) => set({ download: { records, total } });

  /** One push-then-pull pass (S8); the outcome decides the next timer. */
  async function pass(): Promise<StepError | null> {
    // One read of meta: token, clientId and the acknowledged id (the reconnect's lead time).
    const meta = await readMeta(db);
    if (!(await request.prepare(meta)) && auth.kind === 'device') return 'not-enrolled';
    const clientId = meta.clientId ?? (await ensureClientId(db, o.newClientId ?? newId));
    const pushed = await pushOutbox(db, request, clientId, meta.lastMutationId ?? 0);
    if (pushed === 'server-behind') {
      // The server lost commits it had confirmed (a restored backup, a power cut): go on as a new
      // client with the unconfirmed entries renumbered from 1, on a replica pulled afresh (README).
      const fresh = await startOverAsNewClient(db, o.newClientId ?? newId);
      const again = await pushOutbox(db, request, fresh, 0);
      if (again) return again === 'server-behind' ? 'mutation-gap' : again;
      pulledFrom = 0;
      return pullAll(db, auth, request, fresh, iso, 0, null, onDownload);
    }
    if (pushed) return pushed;
    pulledFrom = meta.cursor ?? 0;
    return pullAll(db, auth, request, clientId, iso, meta.cursor ?? 0, meta.cursorTag, onDownload);
  }

  /** A pass, then the history window (D4): at start whatever happened, after a pull that succeeded. */
  async function passAndPrune(): Promise<StepError | null> {
    pulledFrom = -1;
    const err = await pass();
    await prune(err === null && pulledFrom === 0, err === null);
    return err;
  }

  async function runOnce(): Promise<SyncStatus> {
    if (status.outdated) return status;
    set({ syncing: true });
    request.takeRetryAfter(); // only this pass's answers count
    let err: StepError | null;
    try {
      err = await withLock(passAndPrune);
    } catch (e) {
      // A bug or a storage failure: surface it, keep the outbox, retry later.
      err = `server-${e instanceof Error ? e.message : 'error'}` as StepError;
    }
    await refreshPending();
    if (status.download) set({ download: null });
    if (!err) {
      failures = 0;
      set({ syncing: false, online: true, lastError: null });
      schedule(o.pollMs ?? 60_000);
      return status;
    }
    set({ syncing: false, online: err !== 'offline', lastError: err, outdated: err === 'protocol-version' });
    if (err === 'protocol-version') return status; // S9: stop pushing, keep the outbox.
    failures++;
    // 429 rate-limited, 503 storage-unavailable: wait at least what the server asked for. The
    // outbox is untouched; the retry resends what the server has not seen (S2).
    const retryAfter = request.takeRetryAfter();
    if (!PERMANENT.has(err)) schedule(Math.max(retryAfter, backoffDelay(failures, random, o.backoff ?? DEFAULT_BACKOFF)));
    return status;
  }

  /** Push then pull now; concurrent calls share one pass and at most one follow-up pass. */
  function syncNow(): Promise<SyncStatus> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      let s: SyncStatus;
      do {
        again = false;
        s = await runOnce();
      } while (again && !status.outdated);
      inFlight = null;
      return s;
    })();
    return inFlight;
  }

  /** Applies a mutation locally and queues it; the name and its arguments are checked by the compiler. */
  function mutate<N extends MutationName>(name: N, args: MutationInput<N>, actorId: string, opts?: MutateOptions): Promise<MutationResultValue> {
    return mutateUnchecked(name, args, actorId, opts);
  }

  /**
   * {@link mutate} without the compiler's check, for tests and diagnostics that send bad or unknown
   * mutations on purpose: the local apply rejects them as the server would (S5).
   */
  async function mutateUnchecked(name: string, args: unknown, actorId: string, opts?: MutateOptions): Promise<MutationResultValue> {
    const { result, id } = await mutateLocal(db, auth, name, args, actorId, iso(), opts, o.newClientId ?? newId);
    if (id !== undefined) {
      await refreshPending();
      if (running) {
        cancelDebounce?.();
        cancelDebounce = setTimer(() => void syncNow(), o.debounceMs ?? 250);
      }
    }
    return result;
  }

  /** Ends the event stream's backoff wait at once (the network is back); null while connected. */
  let wakeListener: (() => void) | null = null;

  /**
   * The poke stream, reconnected with backoff after it drops. The backoff starts over whenever the
   * server accepts a stream, and the `online` event ends the wait at once: after a long dead zone
   * the first live update must not wait out minutes of backoff grown meanwhile.
   */
  async function listen() {
    let tries = 0;
    while (running && events && !events.signal.aborted) {
      const headers: Record<string, string> = {};
      const token = auth.kind === 'device' ? await getMeta(db, 'token') : undefined;
      if (token) headers.authorization = `Bearer ${token}`;
      try {
        await readPokes(
          fetchFn,
          `${o.baseUrl}/api/sync/events`,
          headers,
          auth.kind === 'console' ? 'same-origin' : 'omit',
          events.signal,
          () => void syncNow(),
          () => {
            tries = 0;
          },
        );
      } catch {
        // Dropped stream: reconnect after a backoff; the poll timer covers the gap meanwhile.
      }
      if (!running) return;
      const delay = backoffDelay(++tries, random, o.eventsBackoff ?? EVENTS_BACKOFF);
      await new Promise<void>((resolve) => {
        const cancel = setTimer(() => {
          wakeListener = null;
          resolve();
        }, delay);
        wakeListener = () => {
          wakeListener = null;
          cancel();
          tries = 0;
          resolve();
        };
      });
    }
  }

  function start() {
    if (running) return;
    running = true;
    if (isBrowser) {
      const onOnline = () => {
        wakeListener?.();
        void syncNow();
      };
      const onOffline = () => set({ online: false });
      window.addEventListener('offline', onOffline);
      detach.push(() => window.removeEventListener('offline', onOffline));
      const onVisible = () => document.visibilityState === 'visible' && void syncNow();
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      detach.push(() => window.removeEventListener('online', onOnline));
      detach.push(() => document.removeEventListener('visibilitychange', onVisible));
    }
    if (o.eventSource ?? isBrowser) {
      events = new AbortController();
      void listen();
    }
    void refreshPending();
    void syncNow();
  }

  function stop() {
    running = false;
    cancelTimer?.();
    cancelDebounce?.();
    cancelTimer = cancelDebounce = null;
    events?.abort();
    events = null;
    wakeListener?.();
    while (detach.length) detach.pop()!();
  }

  return {
    mutate,
    mutateUnchecked,
    syncNow,
    start,
    stop,
    status: (): SyncStatus => status,
    subscribe(fn: (s: SyncStatus) => void): () => void {
      listeners.add(fn);
      fn(status);
      return () => listeners.delete(fn);
    },
    /** Reads pending count and last sync time from the database (e.g. after a reload). */
    refresh: refreshPending,
  };
}
