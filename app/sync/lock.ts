/**
 * Runs `fn` while holding the cross-tab sync lock (Web Locks) where the platform has it, so only
 * one tab of this database syncs at a time; elsewhere an in-process mutex is enough.
 */
export function createSyncLock(name: string): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  const local = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: LockManager }).locks : undefined;
    if (!locks) return local(fn);
    return local(() => locks.request(name, () => fn()) as Promise<T>);
  };
}
