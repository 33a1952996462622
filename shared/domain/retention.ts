import type {
  Acknowledgement,
  Conflict,
  Hold,
  Note,
  Operation,
  QuantityReport,
  Rejection,
  ScheduleChange,
  Shift,
  Traveler,
  User,
  WorkOrder,
  AuditEntry,
} from '../schema';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** D4: how many days of finished work the console's replica keeps. */
export const CONSOLE_HISTORY_DAYS = 14;

/** The console's window: everything finished before this instant may leave its replica. */
export const consoleCutoff = (nowMs: number, days = CONSOLE_HISTORY_DAYS): number => nowMs - days * DAY;

/** Minutes east of UTC at an instant, in the plant's zone (the tablet's: `-new Date(ms).getTimezoneOffset()`). */
export type ZoneOffset = (ms: number) => number;

/**
 * D4: when the previous shift began, so a station keeps the current and the previous shift.
 * Shift times are the plant's wall clock (a night shift ends the next day); between two shifts
 * the current one is the last that began. Undefined when the calendar has no shifts.
 */
export function previousShiftStart(shifts: readonly Pick<Shift, 'start'>[], nowMs: number, offset: ZoneOffset): number | undefined {
  if (shifts.length === 0) return undefined;
  const localMidnight = Math.floor((nowMs + offset(nowMs) * MINUTE) / DAY) * DAY;
  const starts: number[] = [];
  for (let day = -3; day <= 0; day++) {
    for (const s of shifts) {
      const [h, m] = s.start.split(':').map(Number) as [number, number];
      const wall = localMidnight + day * DAY + (h * 60 + m) * MINUTE;
      // Wall time to UTC with the offset in force then (a DST change between then and now).
      const utc = wall - offset(wall - offset(nowMs) * MINUTE) * MINUTE;
      if (utc <= nowMs) starts.push(utc);
    }
  }
  starts.sort((a, b) => b - a);
  return starts[1] ?? starts[0];
}

/** The records the history rules look at, by collection; absent collections count as empty. */
export interface ReplicaSnapshot {
  workOrders?: readonly WorkOrder[];
  operations?: readonly Operation[];
  travelers?: readonly Traveler[];
  quantityReports?: readonly QuantityReport[];
  holds?: readonly Hold[];
  scheduleChanges?: readonly ScheduleChange[];
  acknowledgements?: readonly Acknowledgement[];
  conflicts?: readonly Conflict[];
  rejections?: readonly Rejection[];
  notes?: readonly Note[];
  audit?: readonly AuditEntry[];
  users?: readonly User[];
}

/** A record the history window lets go of. */
export interface Dropped {
  entity: keyof ReplicaSnapshot;
  id: string;
}

/** The people a schedule change must reach: the active operators and leads of its stations. */
export function mustAcknowledge(change: Pick<ScheduleChange, 'stationIds'>, users: readonly User[]): User[] {
  return users.filter((u) => u.active && (u.role === 'operator' || u.role === 'lead') && u.stationIds.some((s) => change.stationIds.includes(s)));
}

/**
 * Whether a record is live (D4): still to be worked on or answered, whatever its age. Plant data
 * (stations, shifts, users, reason codes) is always live and not judged here.
 */
export const isLive = {
  workOrder: (w: Pick<WorkOrder, 'status'>) => w.status !== 'completed' && w.status !== 'cancelled',
  hold: (h: Pick<Hold, 'status'>) => h.status === 'open',
  conflict: (c: Pick<Conflict, 'status'>) => c.status === 'open',
  /** A change that asks for acknowledgements lives until everyone it reaches has given one. */
  scheduleChange(c: ScheduleChange, users: readonly User[], acks: readonly Pick<Acknowledgement, 'changeId' | 'userId'>[]): boolean {
    if (!c.requiresAck) return false;
    const done = new Set(acks.filter((a) => a.changeId === c.id).map((a) => a.userId));
    return mustAcknowledge(c, users).some((u) => !done.has(u.id));
  },
};

/** The last time anything happened to a record: its server stamp, or a later event time it carries. */
export function lastTouched(r: { updatedAt: string } & Record<string, unknown>): number {
  let t = Date.parse(r.updatedAt);
  // A record the tablet made and the server has not stamped yet ('') is new.
  if (Number.isNaN(t)) return Number.POSITIVE_INFINITY;
  for (const f of ['at', 'postedAt', 'placedAt', 'releasedAt', 'serverAt'] as const) {
    const v = r[f];
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      if (ms > t) t = ms;
    }
  }
  return t;
}

/**
 * D4: which records of a replica may go. A record goes only when it is finished, it and everything
 * that belongs to it last changed before `cutoffMs`, and no pending mutation touched or names any
 * of them (`protectedIds`: record ids, or `entity/id` keys). What belongs together goes together,
 * so no screen meets half a story: a closed work order with its operations, travelers, quantity
 * reports and holds; a schedule change with its acknowledgements.
 */
export function planPrune(s: ReplicaSnapshot, cutoffMs: number, protectedIds: ReadonlySet<string>): Dropped[] {
  const out: Dropped[] = [];
  const old = (r: { updatedAt: string } & object) => lastTouched(r as { updatedAt: string } & Record<string, unknown>) < cutoffMs;
  const free = (entity: keyof ReplicaSnapshot, id: string) => !protectedIds.has(id) && !protectedIds.has(`${entity}/${id}`);
  const can = (entity: keyof ReplicaSnapshot, r: { id: string; updatedAt: string }) => old(r) && free(entity, r.id);
  const group = <K extends string, T>(rows: readonly T[] | undefined, key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows ?? []) {
      const k = key(r);
      const g = m.get(k);
      if (g) g.push(r);
      else m.set(k, [r]);
    }
    return m;
  };

  // Work orders and what belongs to them.
  const opsByWo = group(s.operations, (o) => o.workOrderId);
  const travByWo = group(s.travelers, (t) => t.workOrderId);
  const holdsByWo = group(s.holds, (h) => h.workOrderId);
  const reportsByOp = group(s.quantityReports, (q) => q.operationId);
  const woIds = new Set((s.workOrders ?? []).map((w) => w.id));
  for (const w of s.workOrders ?? []) {
    const ops = opsByWo.get(w.id) ?? [];
    const reports = ops.flatMap((o) => reportsByOp.get(o.id) ?? []);
    const travelers = travByWo.get(w.id) ?? [];
    const holds = holdsByWo.get(w.id) ?? [];
    const story = [
      ...ops.map((r) => ['operations', r] as const),
      ...reports.map((r) => ['quantityReports', r] as const),
      ...travelers.map((r) => ['travelers', r] as const),
      ...holds.map((r) => ['holds', r] as const),
    ];
    const closed = !isLive.workOrder(w) && holds.every((h) => !isLive.hold(h)) && can('workOrders', w) && story.every(([e, r]) => can(e, r));
    if (closed) {
      out.push({ entity: 'workOrders', id: w.id });
      for (const [entity, r] of story) out.push({ entity, id: r.id });
    } else {
      // An open job keeps its routing; a hold released long ago can go on its own.
      for (const h of holds) if (!isLive.hold(h) && can('holds', h)) out.push({ entity: 'holds', id: h.id });
    }
  }
  // Pieces whose work order this replica does not hold (a station's share, or one already gone).
  for (const o of s.operations ?? []) {
    if (woIds.has(o.workOrderId) || o.status !== 'completed' || !can('operations', o)) continue;
    const reports = reportsByOp.get(o.id) ?? [];
    if (!reports.every((q) => can('quantityReports', q))) continue;
    out.push({ entity: 'operations', id: o.id }, ...reports.map((q) => ({ entity: 'quantityReports' as const, id: q.id })));
  }
  const opIds = new Set((s.operations ?? []).map((o) => o.id));
  for (const q of s.quantityReports ?? []) if (!opIds.has(q.operationId) && can('quantityReports', q)) out.push({ entity: 'quantityReports', id: q.id });
  for (const t of s.travelers ?? []) if (!woIds.has(t.workOrderId) && can('travelers', t)) out.push({ entity: 'travelers', id: t.id });
  for (const h of s.holds ?? []) if (!woIds.has(h.workOrderId) && !isLive.hold(h) && can('holds', h)) out.push({ entity: 'holds', id: h.id });

  // Schedule changes with their acknowledgements.
  const acksByChange = group(s.acknowledgements, (a) => a.changeId);
  const changeIds = new Set((s.scheduleChanges ?? []).map((c) => c.id));
  for (const c of s.scheduleChanges ?? []) {
    const acks = acksByChange.get(c.id) ?? [];
    if (isLive.scheduleChange(c, s.users ?? [], acks) || !can('scheduleChanges', c) || !acks.every((a) => can('acknowledgements', a))) continue;
    out.push({ entity: 'scheduleChanges', id: c.id }, ...acks.map((a) => ({ entity: 'acknowledgements' as const, id: a.id })));
  }
  for (const a of s.acknowledgements ?? []) if (!changeIds.has(a.changeId) && can('acknowledgements', a)) out.push({ entity: 'acknowledgements', id: a.id });

  // Records that are finished as soon as they exist, or once answered.
  for (const c of s.conflicts ?? []) if (!isLive.conflict(c) && can('conflicts', c)) out.push({ entity: 'conflicts', id: c.id });
  for (const e of ['rejections', 'notes', 'audit'] as const) for (const r of s[e] ?? []) if (can(e, r)) out.push({ entity: e, id: r.id });
  return out;
}
