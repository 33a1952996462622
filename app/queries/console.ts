import type { Accessor } from 'solid-js';
import type { FloorboardDB } from '../db';
import type { Acknowledgement, AuditEntry, Conflict, Hold, ScheduleChange, WorkOrder } from '../../shared/schema';
import { createLive } from './live';

type Db = Accessor<FloorboardDB | undefined>;

/** The newest synced updates from the audit trail, newest first (live). */
export function useAuditFeed(db: Db, limit: Accessor<number>): Accessor<AuditEntry[]> {
  return createLive(
    () => {
      const d = db();
      return d ? { d, n: limit() } : undefined;
    },
    ({ d, n }) => d.entity('audit').orderBy('seq').reverse().limit(n).toArray(),
    [] as AuditEntry[],
  );
}

export function useWorkOrders(db: Db): Accessor<WorkOrder[]> {
  return createLive(
    db,
    async (d) => (await d.entity('workOrders').toArray()).sort((a, b) => a.priority - b.priority || a.dueAt.localeCompare(b.dueAt)),
    [] as WorkOrder[],
  );
}

export function useScheduleChanges(db: Db): Accessor<ScheduleChange[]> {
  return createLive(
    db,
    async (d) => (await d.entity('scheduleChanges').toArray()).sort((a, b) => b.postedAt.localeCompare(a.postedAt)),
    [] as ScheduleChange[],
  );
}

export function useAcknowledgements(db: Db): Accessor<Acknowledgement[]> {
  return createLive(db, (d) => d.entity('acknowledgements').toArray(), [] as Acknowledgement[]);
}

export function useHolds(db: Db): Accessor<Hold[]> {
  return createLive(
    db,
    async (d) => (await d.entity('holds').toArray()).sort((a, b) => b.placedAt.localeCompare(a.placedAt)),
    [] as Hold[],
  );
}

export function useConflicts(db: Db): Accessor<Conflict[]> {
  return createLive(
    db,
    async (d) => (await d.entity('conflicts').toArray()).sort((a, b) => b.at.localeCompare(a.at)),
    [] as Conflict[],
  );
}

/** Outbox length, for "changes waiting" and for holding back an app update (§8). */
export function useOutboxCount(db: Db): Accessor<number> {
  return createLive(db, (d) => d.outbox.count(), 0);
}
