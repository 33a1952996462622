import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * How often the worker copies new WAL frames into the database file. Often, so that each copy is
 * small and the catch-up below has little left to copy.
 */
const CHECKPOINT_EVERY_MS = 100;
/**
 * SQLite starts the WAL over from its beginning when a write begins and every frame has been
 * copied. Under a sustained write load that never happens on its own (frames arrive while the
 * worker copies), so the WAL grew until the connection's own checkpoint ran inside a request's
 * COMMIT: copy the rest, fsync, start over, a 20–30 ms stall of every push about once a second under
 * figure 4's load. Instead, once the WAL holds this many pages, the worker first copies what came
 * since its last checkpoint while writes go on (a pre-copy), then the next transaction waits (the
 * event loop does not) for one more worker checkpoint, which has only a few milliseconds of frames
 * left to copy, and begins on an empty WAL.
 */
export const CATCH_UP_AT_PAGES = 16_000;
/** The connection's own checkpoint on COMMIT: only a safety net if the worker cannot keep up. */
const SAFETY_AUTOCHECKPOINT_PAGES = 50_000;
/** A catch-up the worker does not answer in time is given up: the write goes ahead. */
const CATCH_UP_TIMEOUT_MS = 250;

export interface Checkpointer {
  /** Resolves when the next transaction may begin (at once, unless the WAL is due to start over). */
  beforeTransaction(): Promise<void> | undefined;
  /** The worker connection's `PRAGMA synchronous`. */
  synchronous(): Promise<number>;
  stop(): Promise<void>;
}

/** Copies WAL pages into the database file off the event loop, so a COMMIT never pays for it. */
export function startCheckpointer(file: string, database: Database.Database, catchUpAtPages: number): Checkpointer {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: CHECKPOINT_EVERY_MS },
  });
  worker.unref();
  // Safety net if the worker falls behind or dies: the connection still checkpoints, just later.
  database.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
  database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  // idle → (WAL past the threshold) pre-copy → due → (next transaction waits for the catch-up) idle
  let state: 'idle' | 'pre-copy' | 'due' = 'idle';
  let caughtUp: (() => void) | undefined;
  let failed = false;
  const askedSynchronous: ((value: number) => void)[] = [];
  worker.on('message', (m: { walPages?: number; preCopied?: boolean; caughtUp?: boolean; synchronous?: number }) => {
    if (m.synchronous !== undefined) askedSynchronous.shift()?.(m.synchronous);
    else if (m.caughtUp) caughtUp?.();
    else if (m.preCopied) state = 'due';
    else if (state === 'idle' && (m.walPages ?? 0) >= catchUpAtPages) {
      state = 'pre-copy';
      worker.postMessage('pre-copy');
    }
  });
  worker.on('error', (err) => {
    console.error('WAL checkpointer failed; back to checkpoints on commit', err);
    failed = true;
    caughtUp?.();
    database.pragma('wal_autocheckpoint = 1000');
  });
  return {
    beforeTransaction() {
      if (state !== 'due' || failed) return undefined;
      state = 'idle';
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, CATCH_UP_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          caughtUp = undefined;
          resolve();
        }
        caughtUp = done;
        worker.postMessage('catch-up');
      });
    },
    synchronous: () =>
      new Promise<number>((resolve) => {
        askedSynchronous.push(resolve);
        worker.postMessage('synchronous');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Referenced again while closing, or the process could exit before close() resolves.
        worker.ref();
        worker.postMessage('close');
      }),
  };
}
