import type { Hold, Operation, WorkOrder } from '../../shared/schema';

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
  return holds.find(
    (h) => h.status === 'open' && h.workOrderId === op.workOrderId && (h.operationId === null || h.operationId === op.id),
  );
}

/**
 * A station's queue in priority order. Completed operations and those of cancelled or completed
 * work orders drop out unless `includeDone`.
 */
export function buildQueue(
  stationId: string,
  operations: readonly Operation[],
  workOrders: readonly WorkOrder[],
  holds: readonly Hold[],
  includeDone = false,
): QueueItem[] {
  const woById = new Map(workOrders.map((w) => [w.id, w]));
  return operations
    .filter((o) => o.stationId === stationId)
    .map((operation) => ({
      id: operation.id,
      operation,
      workOrder: woById.get(operation.workOrderId),
      hold: blockingHold(operation, holds),
    }))
    .filter(
      (i) =>
        includeDone ||
        (i.operation.status !== 'completed' && i.workOrder?.status !== 'cancelled'),
    )
    .sort(compareQueueItems);
}
