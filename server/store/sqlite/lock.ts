/** Runs functions one at a time, in the order they were queued. */
export interface Lock {
  exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
}

/**
 * One connection, one writer: every statement of the store runs while `exclusive` holds the lock,
 * so a read outside a transaction never sees another request's uncommitted writes, and
 * transactions run one at a time (versions are allocated in commit order, S6).
 */
export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  return {
    exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
      // Nothing held or waiting: run now (a synchronous read finishes before anyone else runs).
      if (queued === 0) {
        queued++;
        let p: Promise<T>;
        try {
          p = Promise.resolve(fn());
        } catch (err) {
          p = Promise.reject(err);
        }
        tail = p.then(
          () => void queued--,
          () => void queued--,
        );
        return p;
      }
      queued++;
      const p = tail.then(() => fn());
      tail = p.then(
        () => void queued--,
        () => void queued--,
      );
      return p;
    },
  };
}
