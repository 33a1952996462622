import { liveQuery } from 'dexie';
import { batch, createSignal, createEffect, on, onCleanup, type Accessor } from 'solid-js';
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
  return createLiveListEmissions(deps, query).list;
}

/** A live list (`createLiveList`) and a signal that changes once per emission, after the store took it. */
export interface LiveList<T> {
  list: Accessor<T[]>;
  /**
   * Work done once per replica change over the whole list (a sort, an index) tracks this instead
   * of every record's fields: with thousands of records, tracking each read costs more than the work.
   */
  emitted: Accessor<number>;
}

/** `createLiveList` that also says when each emission landed. */
export function createLiveListEmissions<D, T extends { id: string }>(deps: () => D | undefined, query: (d: D) => Promise<T[]> | T[]): LiveList<T> {
  const store = createListStore<T>();
  createEffect(
    on(deps, (d) => {
      if (d === undefined || d === null) {
        store.take([]);
        return;
      }
      const sub = liveQuery(() => query(d)).subscribe({
        next: (v) => store.take(v),
        error: (e) => console.error('[floorboard] live query failed', e),
      });
      onCleanup(() => sub.unsubscribe());
    }),
  );
  return { list: store.list, emitted: store.emitted };
}

/** The store behind a live list, and how an emission lands in it: reconciled by id, in place, then `emitted` moves. */
export function createListStore<T extends { id: string }>(): LiveList<T> & { take: (v: T[]) => void } {
  const [state, setState] = createStore<{ list: T[] }>({ list: [] });
  const [emitted, setEmitted] = createSignal(0);
  const take = (v: T[]) =>
    batch(() => {
      setState('list', reconcile(v, { key: 'id', merge: true }));
      setEmitted((n) => n + 1);
    });
  return { list: () => state.list, emitted, take };
}
