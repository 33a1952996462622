import { liveQuery } from 'dexie';
import { createSignal, createEffect, on, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';

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

/**
 * Like `createLive` for lists of records with an `id`: each emission is reconciled into a store by
 * id, so a row that did not change keeps its identity and its DOM. A sync that lands while someone
 * types into a row's form must not re-create that form (and steal the focus).
 */
export function createLiveList<D, T extends { id: string }>(deps: () => D | undefined, query: (d: D) => Promise<T[]> | T[]): Accessor<T[]> {
  const [state, setState] = createStore<{ list: T[] }>({ list: [] });
  createEffect(
    on(deps, (d) => {
      if (d === undefined || d === null) {
        setState('list', []);
        return;
      }
      const sub = liveQuery(() => query(d)).subscribe({
        next: (v) => setState('list', reconcile(v, { key: 'id', merge: true })),
        error: (e) => console.error('[floorboard] live query failed', e),
      });
      onCleanup(() => sub.unsubscribe());
    }),
  );
  return () => state.list;
}
