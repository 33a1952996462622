import type { WorkOrder } from '../../shared/schema';
import type { QueueItem } from './queue';

/** What the operator narrowed the queue to: a status, late work only, and a search text. */
export interface QueueFilter {
  status: 'all' | 'running' | 'paused' | 'ready';
  lateOnly: boolean;
  search: string;
}

export const NO_FILTER: QueueFilter = { status: 'all', lateOnly: false, search: '' };

/** Open work whose work order's due time has passed. */
export function isLate(item: QueueItem, now: number): boolean {
  if (!item.workOrder || item.operation.status === 'completed') return false;
  return Date.parse(item.workOrder.dueAt) < now;
}

/** Parts still to make at this operation: ordered less good so far, never below zero. */
export function remainingOf(item: QueueItem): number | undefined {
  return item.workOrder ? Math.max(0, item.workOrder.quantity - item.operation.good) : undefined;
}

/** Whether an item shows under a filter; `needle` is the search text already lower-cased and trimmed. */
function matches(item: QueueItem, f: QueueFilter, needle: string, now: number): boolean {
  const s = item.operation.status;
  if (f.status === 'running' && s !== 'running') return false;
  if (f.status === 'paused' && s !== 'paused') return false;
  // Ready: could be started now: not started, and not blocked by a hold.
  if (f.status === 'ready' && (s !== 'pending' || item.hold)) return false;
  if (f.lateOnly && !isLate(item, now)) return false;
  if (!needle) return true;
  const wo = item.workOrder;
  return wo ? haystackOf(wo).includes(needle) : false;
}

/**
 * What a search looks in, lower-cased once per work order version (a keystroke re-runs the filter
 * over every item). By version too: the screen's store updates a record in place (reconcile).
 */
const haystacks = new WeakMap<WorkOrder, { version: number; text: string }>();
/** The lower-cased text a search looks in: number, part number and description. */
export function haystackOf(wo: WorkOrder): string {
  const hit = haystacks.get(wo);
  if (hit && hit.version === wo.version) return hit.text;
  // A separator no search text holds, so a match never spans two fields.
  const text = `${wo.number}\u0000${wo.partNumber}\u0000${wo.description}`.toLowerCase();
  haystacks.set(wo, { version: wo.version, text });
  return text;
}

/** The queue narrowed by the operator's filter and search; the order is kept. */
export function filterQueue(items: readonly QueueItem[], f: QueueFilter, now: number): QueueItem[] {
  const needle = f.search.trim().toLowerCase();
  if (f.status === 'all' && !f.lateOnly && !needle) return [...items];
  return items.filter((i) => matches(i, f, needle, now));
}

/**
 * The schedule order of open work. There is no per-station schedule sequence yet (a `resequence`
 * schedule change is a message, and the routing's `seq` orders a work order's own steps, not the
 * station's jobs), so: late work first (a job past its due date is behind whatever its priority),
 * then priority (1 first), then due date, then routing sequence, then id for a strict order. Keys
 * are worked out once per item, not once per comparison: the queue may hold thousands.
 */
export function scheduleOrder(items: readonly QueueItem[], now: number): QueueItem[] {
  const keyed = items.map((item) => ({ item, key: scheduleKey(item, now) }));
  keyed.sort((a, b) => compareSchedule(a.key, b.key));
  return keyed.map((k) => k.item);
}

/** Where an item sorts in `scheduleOrder` at `now`, worked out once per item. */
export interface ScheduleKey {
  late: number;
  priority: number;
  due: number;
  seq: number;
  id: string;
}

/** An item's schedule sort key at `now`. */
export function scheduleKey(item: QueueItem, now: number): ScheduleKey {
  const wo = item.workOrder;
  const due = wo ? Date.parse(wo.dueAt) : Number.MAX_SAFE_INTEGER;
  return {
    late: wo && item.operation.status !== 'completed' && due < now ? 0 : 1,
    priority: wo?.priority ?? Number.MAX_SAFE_INTEGER,
    due,
    seq: item.operation.seq,
    id: item.operation.id,
  };
}

/** The schedule order of two keys: late, priority, due date, routing sequence, id. */
export function compareSchedule(a: ScheduleKey, b: ScheduleKey): number {
  return a.late - b.late || a.priority - b.priority || a.due - b.due || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
