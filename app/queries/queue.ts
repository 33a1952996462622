import type { Hold, Operation, WorkOrder } from '../../shared/schema';
import { scheduleOrder } from './queue-filter';

/** One line of a station's queue: the operation with its work order and any open hold. */
export interface QueueItem {
  /** The operation's id: the row's identity in lists. */
  id: string;
  operation: Operation;
  workOrder: WorkOrder | undefined;
  hold: Hold | undefined;
}

/** Work order priority (1 first), then due date, then routing sequence, then id for stability. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  const pa = a.workOrder?.priority ?? Number.MAX_SAFE_INTEGER;
  const pb = b.workOrder?.priority ?? Number.MAX_SAFE_INTEGER;
  if (pa !== pb) return pa - pb;
  const da = a.workOrder ? Date.parse(a.workOrder.dueAt) : Number.MAX_SAFE_INTEGER;
  const db = b.workOrder ? Date.parse(b.workOrder.dueAt) : Number.MAX_SAFE_INTEGER;
  if (da !== db) return da - db;
  if (a.operation.seq !== b.operation.seq) return a.operation.seq - b.operation.seq;
  return a.operation.id < b.operation.id ? -1 : a.operation.id > b.operation.id ? 1 : 0;
}

/** The open hold that blocks an operation: one on its work order, or on the operation itself. */
export function blockingHold(op: Operation, holds: readonly Hold[]): Hold | undefined {
  return holds.find((h) => h.status === 'open' && h.workOrderId === op.workOrderId && (h.operationId === null || h.operationId === op.id));
}

/** How long a completed operation stays at the bottom of the queue so its final count can still be reported. */
export const RECENTLY_COMPLETED_MS = 12 * 3_600_000;

/**
 * A station's queue in schedule order (late work first, then priority: `scheduleOrder`), then the
 * operations completed since `recentSince` (device
 * time of the completion) at the bottom: an operator often counts the last parts after pressing
 * Complete, and a report is an append that is always accepted (C1). Cancelled work drops out.
 */
export function buildQueue(
  stationId: string,
  operations: readonly Operation[],
  workOrders: readonly WorkOrder[],
  holds: readonly Hold[],
  recentSince = Number.POSITIVE_INFINITY,
  now = Number.NEGATIVE_INFINITY,
): QueueItem[] {
  const woById = new Map(workOrders.map((w) => [w.id, w]));
  const items = operations
    .filter((o) => o.stationId === stationId)
    .map((operation) => ({
      id: operation.id,
      operation,
      workOrder: woById.get(operation.workOrderId),
      hold: blockingHold(operation, holds),
    }))
    .filter((i) => i.workOrder?.status !== 'cancelled');
  const open = scheduleOrder(
    items.filter((i) => i.operation.status !== 'completed'),
    now,
  );
  const done = items
    .filter((i) => i.operation.status === 'completed' && completedAt(i.operation) >= recentSince)
    .sort((a, b) => completedAt(b.operation) - completedAt(a.operation));
  return [...open, ...done];
}

function completedAt(op: Operation): number {
  return op.lastChange ? Date.parse(op.lastChange.at) : Number.NEGATIVE_INFINITY;
}
