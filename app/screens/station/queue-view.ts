import { createMemo, createSignal, untrack, type Accessor } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { LiveList } from '../../queries/live';
import type { QueueItem } from '../../queries/queue';
import type { QueueFilter } from '../../queries/queue-filter';
import { filterPrepared, prepareQueue, type PreparedQueue } from '../../queries/queue-prepared';

/** How many cards the queue lists at first, and how many more each "show more" adds. */
export const QUEUE_PAGE = 50;

/** The station queue as the screen lists it, split so a keystroke re-runs only the filter. */
export interface QueueView {
  /** Rebuilt per replica change and once a minute: the schedule sort and the filter keys. */
  prepared: Accessor<PreparedQueue>;
  /** Every item the filter lets through, in schedule order. */
  matching: Accessor<readonly QueueItem[]>;
  /** The first of `matching` that get a card: a search over thousands must not build thousands of cards. */
  listed: Accessor<readonly QueueItem[]>;
  /** List one page more of `matching`, until the filter changes. */
  showMore: () => void;
}

/** The queue's memos; `now` may tick often: the sort and lateness move by the minute. */
export function createQueueView(queue: LiveList<QueueItem>, filter: Accessor<QueueFilter>, now: Accessor<number>): QueueView {
  const minute = createMemo(() => Math.floor(now() / 60_000) * 60_000);
  // Once per emission of the live query: tracking every field of thousands of store proxies cost
  // several times the work itself, so the keys come from the raw records, untracked.
  const prepared = createMemo(() => {
    queue.emitted();
    const at = minute();
    return untrack(() => {
      const list = queue.list();
      return prepareQueue(unwrap(list), at, list);
    });
  });
  // Per keystroke or chip tap: reads only the prepared arrays.
  const matching = createMemo(() => filterPrepared(prepared(), filter(), minute()));
  // The page belongs to the filter it was opened under: a new filter starts at one page again.
  const [page, setPage] = createSignal<{ filter: QueueFilter; limit: number }>({ filter: filter(), limit: QUEUE_PAGE });
  const limit = () => (page().filter === filter() ? page().limit : QUEUE_PAGE);
  const listed = createMemo(() => {
    const m = matching();
    const l = limit();
    return m.length > l ? m.slice(0, l) : m;
  });
  return { prepared, matching, listed, showMore: () => setPage({ filter: filter(), limit: limit() + QUEUE_PAGE }) };
}
