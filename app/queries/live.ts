import { liveQuery } from 'dexie';
import { createSignal, createEffect, on, onCleanup, type Accessor } from 'solid-js';

/**
 * A Dexie liveQuery as a Solid signal. `deps` is tracked: when it changes the query is
 * re-subscribed with the new value; `undefined` deps means "not ready", and the signal keeps
 * `initial`. The query re-runs by itself whenever the tables it read change.
 */
export function createLive<D, T>(deps: () => D | undefined, query: (d: D) => Promise<T> | T, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial, { equals: false });
  createEffect(
    on(deps, (d) => {
      if (d === undefined || d === null) {
        setValue(() => initial);
        return;
      }
      const sub = liveQuery(() => query(d)).subscribe({
        next: (v) => setValue(() => v),
        error: (e) => console.error('[floorboard] live query failed', e),
      });
      onCleanup(() => sub.unsubscribe());
    }),
  );
  return value;
}
