/** In-process fallback, shared by every client of the same database in this JS realm. */
const tails = new Map<string, Promise<unknown>>();

function local<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(name, tail);
  void tail.then(() => tails.get(name) === tail && tails.delete(name));
  return run;
}

/**
 * Runs `fn` while holding the cross-tab sync lock (Web Locks) where the platform has it, so only
 * one tab of this database syncs at a time; elsewhere an in-process mutex per database name.
 */
export function createSyncLock(name: string): <T>(fn: () => Promise<T>) => Promise<T> {
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: LockManager }).locks : undefined;
    if (!locks) return local(name, fn);
    return local(name, () => locks.request(name, () => fn()) as Promise<T>);
  };
}
