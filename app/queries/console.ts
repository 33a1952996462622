import type { Accessor } from 'solid-js';
import type { FloorboardDB } from '../db';
import type { Acknowledgement, AuditEntry, Conflict, Hold, ScheduleChange, WorkOrder } from '../../shared/schema';
import { t } from '../i18n';
import { createLive, createLiveList } from './live';

type Db = Accessor<FloorboardDB | undefined>;

/** The newest synced updates from the audit trail, newest first (live). */
export function useAuditFeed(db: Db, limit: Accessor<number>): Accessor<AuditEntry[]> {
  return createLiveList(
    () => {
      const d = db();
      return d ? { d, n: limit() } : undefined;
    },
    ({ d, n }) => d.entity('audit').orderBy('seq').reverse().limit(n).toArray(),
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
  return createLiveList(db, async (d) => (await d.entity('scheduleChanges').toArray()).sort((a, b) => b.postedAt.localeCompare(a.postedAt)));
}

export function useAcknowledgements(db: Db): Accessor<Acknowledgement[]> {
  return createLive(db, (d) => d.entity('acknowledgements').toArray(), [] as Acknowledgement[]);
}

export function useHolds(db: Db): Accessor<Hold[]> {
  return createLiveList(db, async (d) => (await d.entity('holds').toArray()).sort((a, b) => b.placedAt.localeCompare(a.placedAt)));
}

export function useConflicts(db: Db): Accessor<Conflict[]> {
  return createLiveList(db, async (d) => (await d.entity('conflicts').toArray()).sort((a, b) => b.at.localeCompare(a.at)));
}

/** Outbox length, for "changes waiting" and for holding back an app update (§8). */
export function useOutboxCount(db: Db): Accessor<number> {
  return createLive(db, (d) => d.outbox.count(), 0);
}

/** What a feed line is about: "WO-241004 op 10", from the ids in the mutation's arguments ({@link useJobOf}). */
export function useSubjectNamer(db: Db): Accessor<(args: unknown) => string> {
  const jobOf = useJobOf(db);
  // Kept as parts and worded when asked, so the feed follows a change of language.
  return () => {
    const of = jobOf();
    return (args: unknown) => {
      const p = of(args);
      if (!p) return '';
      return p.seq === undefined ? p.workOrder : t('console.subject.op', p.workOrder, String(p.seq));
    };
  };
}

/** A reason code's label ("Tool breakage"), for the feed's words; an unknown code is shown as it is. */
export function useReasonLabel(db: Db): Accessor<(code: string) => string> {
  return createLive(
    db,
    async (d) => {
      const labels = new Map((await d.entity('reasonCodes').toArray()).map((r) => [r.code, r.label]));
      return (code: string) => labels.get(code) ?? code;
    },
    ((code: string) => code) as (code: string) => string,
  );
}

/** The job a conflict's mutation is about, as parts: work order number, op seq and station (when an operation). */
export interface JobParts {
  workOrder: string;
  seq?: number;
  stationId?: string;
}

/** What job a mutation's arguments are about ({@link JobParts}), from the replica; undefined when not known here. */
export function useJobOf(db: Db): Accessor<(args: unknown) => JobParts | undefined> {
  return createLive(
    db,
    async (d) => {
      const [ops, wos, holds, reports] = await Promise.all([
        d.entity('operations').toArray(),
        d.entity('workOrders').toArray(),
        d.entity('holds').toArray(),
        d.entity('quantityReports').toArray(),
      ]);
      const wo = new Map(wos.map((w) => [w.id, w.number]));
      const op = new Map(ops.map((o) => [o.id, o]));
      const hold = new Map(holds.map((h) => [h.id, h]));
      // A correction names the report it corrects; the report names its operation.
      const reportOp = new Map(reports.map((q) => [q.id, q.operationId]));
      const ofOp = (id: string | null | undefined): JobParts | undefined => {
        const o = id ? op.get(id) : undefined;
        const number = o && wo.get(o.workOrderId);
        return o && number ? { workOrder: number, seq: o.seq, stationId: o.stationId } : undefined;
      };
      return (args: unknown) => {
        const a = (args ?? {}) as Record<string, unknown>;
        if (typeof a.operationId === 'string') return ofOp(a.operationId);
        if (typeof a.holdId === 'string') {
          const h = hold.get(a.holdId);
          const number = h && wo.get(h.workOrderId);
          return h && number ? (ofOp(h.operationId) ?? { workOrder: number }) : undefined;
        }
        if (typeof a.reportId === 'string') return ofOp(reportOp.get(a.reportId));
        const number = typeof a.workOrderId === 'string' ? wo.get(a.workOrderId) : undefined;
        return number ? { workOrder: number } : undefined;
      };
    },
    (() => undefined) as (args: unknown) => JobParts | undefined,
  );
}
