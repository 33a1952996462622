import type {
  Acknowledgement,
  Hold,
  Note,
  Operation,
  OperationStatus,
  ScheduleChange,
  SpecialFlag,
  Station,
  Traveler,
  WorkOrder,
} from '../../../shared/schema';
import type { FloorboardDB } from '../../db';
import { pendingAcksFor } from '../../queries/ack-matrix';
import type { QueueItem } from '../../queries/queue';
import { isLate, remainingOf } from '../../queries/queue-filter';

/** What the job screen reads from the replica for one operation. */
export interface JobSnapshot {
  operation: Operation | undefined;
  workOrder: WorkOrder | undefined;
  /** The work order's operations this tablet holds (its stations' share, S6). */
  operations: Operation[];
  holds: Hold[];
  travelers: Traveler[];
  /** Changes for this work order the person has not acknowledged. */
  changes: ScheduleChange[];
  notes: Note[];
  stations: Station[];
}

export interface RoutingRow {
  operationId: string;
  seq: number;
  name: string;
  stationId: string;
  stationName: string;
  status: OperationStatus;
  isThis: boolean;
}

export interface JobModel {
  item: QueueItem;
  operation: Operation;
  workOrder: WorkOrder | undefined;
  remaining: number | undefined;
  late: boolean;
  /** Open holds that block this operation: on its work order, or on it; oldest first. */
  holds: Hold[];
  traveler: Traveler | undefined;
  flags: SpecialFlag[];
  flagNotes: string;
  routing: RoutingRow[];
  /** Operations of the routing this tablet has no word of (older work orders without a summary). */
  routingMissing: number;
  changes: ScheduleChange[];
  notes: Note[];
}

/** The job screen's content from a replica snapshot; undefined when the operation is not on this tablet. */
export function buildJobModel(s: JobSnapshot, now: number): JobModel | undefined {
  const op = s.operation;
  if (!op) return undefined;
  const wo = s.workOrder;
  const holds = s.holds
    .filter((h) => h.status === 'open' && h.workOrderId === op.workOrderId && (h.operationId === null || h.operationId === op.id))
    .sort((a, b) => a.placedAt.localeCompare(b.placedAt));
  const item: QueueItem = { id: op.id, operation: op, workOrder: wo, hold: holds[0] };
  const traveler = s.travelers
    .filter((t) => t.workOrderId === op.workOrderId && t.status === 'released')
    .sort((a, b) => b.releasedAt.localeCompare(a.releasedAt))[0];
  const stationName = (id: string) => s.stations.find((x) => x.id === id)?.name ?? id;

  // The summary on the work order covers every step; a record this tablet holds is at least as
  // fresh (it carries this tablet's own optimistic change), so it wins for its step.
  const local = new Map(s.operations.filter((o) => o.workOrderId === op.workOrderId).map((o) => [o.id, o]));
  local.set(op.id, op);
  const rows = new Map<string, RoutingRow>();
  for (const step of wo?.routing ?? []) {
    rows.set(step.operationId, { ...step, stationName: stationName(step.stationId), isThis: step.operationId === op.id });
  }
  for (const o of local.values()) {
    rows.set(o.id, {
      operationId: o.id,
      seq: o.seq,
      name: o.name,
      stationId: o.stationId,
      stationName: stationName(o.stationId),
      status: o.status,
      isThis: o.id === op.id,
    });
  }
  const routing = [...rows.values()].sort((a, b) => a.seq - b.seq);

  return {
    item,
    operation: op,
    workOrder: wo,
    remaining: remainingOf(item),
    late: isLate(item, now),
    holds,
    traveler,
    flags: traveler?.flags ?? [],
    flagNotes: traveler?.notes ?? '',
    routing,
    routingMissing: Math.max(0, (wo?.operationCount ?? 0) - routing.length),
    changes: wo ? s.changes.filter((c) => c.workOrderIds.includes(wo.id)) : [],
    notes: wo ? s.notes.filter((n) => n.text.toLowerCase().includes(wo.number.toLowerCase())) : [],
  };
}

/** Reads everything the job screen shows for one operation from the tablet's replica. */
export async function readJobSnapshot(db: FloorboardDB, operationId: string, userId: string | undefined, stationId: string): Promise<JobSnapshot> {
  const operation = await db.entity('operations').get(operationId);
  const woId = operation?.workOrderId;
  const [workOrder, operations, holds, travelers, stations, notes] = await Promise.all([
    woId ? db.entity('workOrders').get(woId) : undefined,
    woId ? db.entity('operations').where('workOrderId').equals(woId).toArray() : [],
    woId ? db.entity('holds').where('workOrderId').equals(woId).toArray() : [],
    woId ? db.entity('travelers').where('workOrderId').equals(woId).toArray() : [],
    db.entity('stations').toArray(),
    db.entity('notes').where('stationId').equals(stationId).toArray(),
  ]);
  let changes: ScheduleChange[] = [];
  if (userId && woId) {
    const [all, acks] = await Promise.all([
      db.entity('scheduleChanges').toArray(),
      db.entity('acknowledgements').where('userId').equals(userId).toArray() as Promise<Acknowledgement[]>,
    ]);
    changes = pendingAcksFor(userId, [stationId], all, acks).filter((c) => c.workOrderIds.includes(woId));
  }
  notes.sort((a, b) => b.at.localeCompare(a.at));
  // The traveler's documents are the DocumentList's own read (app/screens/documents), with the packet's state.
  return { operation, workOrder, operations, holds, travelers, changes, notes, stations };
}
