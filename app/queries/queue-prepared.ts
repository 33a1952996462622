import type { QueueItem } from './queue';
import { compareSchedule, haystackOf, type QueueFilter, type ScheduleKey, scheduleKey } from './queue-filter';

const PENDING = 0;
const RUNNING = 1;
const PAUSED = 2;
const COMPLETED = 3;
const OTHER = 4;
const CODES: Record<string, number> = { pending: PENDING, running: RUNNING, paused: PAUSED, completed: COMPLETED };

/**
 * A station's queue made ready for filtering: the schedule order, and what each filter and the
 * search look at, one entry per item in that order. Built once per replica change (and once a
 * minute, as work turns late); a keystroke or a chip tap then reads only these arrays, never the
 * items (in the screen they are store proxies, and every read of one is tracked).
 */
export interface PreparedQueue {
  /** Open work in schedule order, then completed work in the order given. */
  items: readonly QueueItem[];
  /** How many of `items` are open (not completed): they come first. */
  open: number;
  /** The operation's status as a small code. */
  status: Uint8Array;
  /** 1 when an open hold blocks the operation. */
  held: Uint8Array;
  /** When open work with a work order turns late (its due time); +Infinity for work that never does. */
  lateFrom: Float64Array;
  /** The lower-cased search text; empty without a work order (nothing matches it). */
  haystack: readonly string[];
}

interface Row {
  at: number;
  item: QueueItem;
  key: ScheduleKey;
  status: number;
}

/**
 * The queue in schedule order at `now` (`scheduleOrder` for open work; completed work stays at the
 * bottom in the order given, as `buildQueue` puts it), with each item's filter keys worked out once.
 * The keys are read from `items`; the queue hands out `shown[i]` for `items[i]` (the screen reads the
 * store's raw records, untracked, and lists their proxies).
 */
export function prepareQueue(items: readonly QueueItem[], now: number, shown: readonly QueueItem[] = items): PreparedQueue {
  const open: Row[] = [];
  const done: Row[] = [];
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!;
    const status = CODES[item.operation.status] ?? OTHER;
    (status === COMPLETED ? done : open).push({ at, item, key: scheduleKey(item, now), status });
  }
  open.sort((a, b) => compareSchedule(a.key, b.key));
  const n = open.length + done.length;
  const q = {
    items: new Array<QueueItem>(n),
    open: open.length,
    status: new Uint8Array(n),
    held: new Uint8Array(n),
    lateFrom: new Float64Array(n),
    haystack: new Array<string>(n),
  };
  let i = 0;
  for (const rows of [open, done]) {
    for (const r of rows) {
      const wo = r.item.workOrder;
      q.items[i] = shown[r.at]!;
      q.status[i] = r.status;
      q.held[i] = r.item.hold ? 1 : 0;
      // As `isLate`: completed work and work without a work order are never late.
      q.lateFrom[i] = wo && r.status !== COMPLETED ? r.key.due : Number.POSITIVE_INFINITY;
      q.haystack[i] = wo ? haystackOf(wo) : '';
      i++;
    }
  }
  return q;
}

/** `filterQueue` over a prepared queue: one pass over its keys; the unfiltered queue is returned as it is, not copied. */
export function filterPrepared(q: PreparedQueue, f: QueueFilter, now: number): readonly QueueItem[] {
  const needle = f.search.trim().toLowerCase();
  if (f.status === 'all' && !f.lateOnly && !needle) return q.items;
  // Ready: could be started now: not started, and not blocked by a hold.
  const want = f.status === 'running' ? RUNNING : f.status === 'paused' ? PAUSED : f.status === 'ready' ? PENDING : -1;
  const unheld = f.status === 'ready';
  const { items, status, held, lateFrom, haystack } = q;
  const out: QueueItem[] = [];
  for (let i = 0; i < items.length; i++) {
    if (want >= 0 && status[i] !== want) continue;
    if (unheld && held[i]) continue;
    if (f.lateOnly && !(lateFrom[i]! < now)) continue;
    if (needle && !haystack[i]!.includes(needle)) continue;
    out.push(items[i]!);
  }
  return out;
}
