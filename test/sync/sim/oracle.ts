import { transition, type OperationEvent } from '../../../shared/domain/operation-machine';
import type { OperationStatus } from '../../../shared/schema';
import { canonical } from './check';
import type { Expected, Intent } from './ledger';

/** The fields of an audit entry the oracle reads (the console's `audit` records). */
export interface Audit {
  id: string;
  seq: number;
  clientId: string;
  mutationId: number;
  mutation: string;
  args: unknown;
  actorId: string;
  deviceId: string;
  at: string;
  /** Server time of the act: what `lastChange.recordedAt` says. */
  serverAt: string;
  outcome: 'applied' | 'rejected' | 'conflict';
  code: string | null;
}

type Args = Record<string, unknown>;
interface OpState {
  status: OperationStatus;
  workOrderId: string;
  good: number;
  scrap: number;
  /** The last applied transition, as `lastChange` must show it. */
  last: { mutation: string; actorId: string; deviceId: string; at: string; from?: OperationStatus; recordedAt?: string } | null;
}

/** What the server's state must be after the audit, derived from the intents alone. */
export interface Model {
  ops: Map<string, OpState>;
  /** Work orders as seeded: their status follows their operations'. */
  workOrders: Map<string, { status: string; operationCount: number }>;
  holds: Map<string, { workOrderId: string; operationId: string | null; place: Audit; release?: Audit }>;
  notes: Map<string, Audit>;
  reports: Map<string, Audit>;
  changes: Map<string, Audit>;
  /** The first acknowledgement per `<changeId>:<userId>`: later ones apply and add nothing (C1). */
  acks: Map<string, Audit>;
  /** `sides`: what the record may say of the other side (several open holds: any of them). */
  conflicts: Map<string, { code: string; audit: Audit; sides?: Side[]; resolved?: Audit }>;
  rejections: Map<string, { code: string; audit: Audit }>;
}

/** What a conflict record must say of the side the server kept (C2): who made that state, and the state. */
export interface Side {
  other: { mutation: string; actorId: string; deviceId: string; at: string } | null;
  kept: Record<string, unknown>;
}

type Rule = (m: Model, a: Audit, args: Args) => { expect: Expected; apply?: () => void; sides?: Side[] };

const placed = (h: Audit) => ({ mutation: 'placeHold', actorId: h.actorId, deviceId: h.deviceId, at: h.at });

const APPLIED: Expected = { outcome: 'applied' };
const conflict = (code: string): Expected => ({ outcome: 'conflict', code });
const rejected = (code: string): Expected => ({ outcome: 'rejected', code });

/** The open holds on an operation, as conflict sides: which of several the conflict names is the server's choice. */
function heldSides(m: Model, op: OpState, operationId: string): Side[] {
  return [...m.holds.entries()]
    .filter(([, h]) => !h.release && h.workOrderId === op.workOrderId && (h.operationId === null || h.operationId === operationId))
    .map(([id, h]) => ({ other: placed(h.place), kept: { holdId: id, status: op.status } }));
}

/** C2 through the state machine of shared/domain; an open hold blocks starting and completing. */
function move(event: OperationEvent): Rule {
  return (m, a, args) => {
    const op = m.ops.get(args.operationId as string);
    if (!op) return { expect: rejected('operation-not-found') };
    const sides = heldSides(m, op, args.operationId as string);
    if (event !== 'pause' && sides.length) return { expect: conflict('work-order-on-hold'), sides };
    const t = transition(op.status, event);
    if (!t.ok) return { expect: conflict(t.code), sides: [{ other: op.last, kept: { status: op.status } }] };
    return {
      expect: APPLIED,
      // `from` and the server's time let the actor undo it (undoLast).
      apply: () =>
        Object.assign(op, {
          status: t.to,
          last: { mutation: a.mutation, actorId: a.actorId, deviceId: a.deviceId, at: a.at, from: op.status, recordedAt: a.serverAt },
        }),
    };
  };
}

/** An append (C1): applied once per id; the record is the intent's. */
function append(table: (m: Model) => Map<string, Audit>, extra?: (m: Model, a: Audit, args: Args) => void): Rule {
  return (m, a, args) => {
    const id = args.id as string;
    if (table(m).has(id)) return { expect: rejected('duplicate-id') };
    return { expect: APPLIED, apply: () => (table(m).set(id, a), extra?.(m, a, args)) };
  };
}

/** One rule per mutation the driver sends: the outcome the intent must get in the order it arrived. */
export const RULES: Record<string, Rule> = {
  startOperation: move('start'),
  pauseOperation: move('pause'),
  completeOperation: move('complete'),
  // An open hold refuses good parts (scrap still counts), as it refuses a start.
  reportQuantity: (m, a, args) => {
    const op = m.ops.get(args.operationId as string);
    const sides = op && (args.good as number) > 0 ? heldSides(m, op, args.operationId as string) : [];
    if (sides.length && !m.reports.has(args.id as string)) return { expect: conflict('work-order-on-hold'), sides };
    return append(
      (mm) => mm.reports,
      (mm, _a, aa) => {
        const o = mm.ops.get(aa.operationId as string)!;
        o.good += aa.good as number;
        o.scrap += aa.scrap as number;
      },
    )(m, a, args);
  },
  addNote: append((m) => m.notes),
  postScheduleChange: append((m) => m.changes),
  placeHold: (m, a, args) => {
    if (m.holds.has(args.id as string)) return { expect: rejected('duplicate-id') };
    const place = () =>
      m.holds.set(args.id as string, { workOrderId: args.workOrderId as string, operationId: (args.operationId as string) ?? null, place: a });
    return { expect: APPLIED, apply: place };
  },
  releaseHold: (m, a, args) => {
    const h = m.holds.get(args.holdId as string);
    if (!h) return { expect: rejected('hold-not-found') };
    if (h.release) {
      const r = h.release;
      return {
        expect: conflict('hold-already-released'),
        sides: [{ other: { mutation: 'releaseHold', actorId: r.actorId, deviceId: r.deviceId, at: r.at }, kept: { status: 'released' } }],
      };
    }
    return { expect: APPLIED, apply: () => void (h.release = a) };
  },
  acknowledgeChange: (m, a, args) => {
    const key = `${args.changeId as string}:${a.actorId}`;
    return { expect: APPLIED, apply: () => void (m.acks.has(key) || m.acks.set(key, a)) };
  },
  resolveConflict: (m, a, args) => {
    const c = m.conflicts.get(args.conflictId as string);
    if (!c) return { expect: rejected('conflict-not-found') };
    if (c.resolved) return { expect: rejected('conflict-already-resolved') };
    return { expect: APPLIED, apply: () => void (c.resolved = a) };
  },
};

const show = (e: { outcome: string; code?: string | null }) => (e.outcome === 'applied' ? 'applied' : `${e.outcome} ${e.code}`);

/** The model of the plant before anything happened: the operations as the simulation seeded them. */
export function initialModel(records: { entity: string; value: Record<string, unknown> }[]): Model {
  const ops = new Map<string, OpState>();
  const workOrders: Model['workOrders'] = new Map();
  for (const r of records) {
    if (r.entity === 'workOrders') workOrders.set(r.value.id as string, { status: r.value.status as string, operationCount: r.value.operationCount as number });
    if (r.entity !== 'operations') continue;
    const v = r.value;
    ops.set(v.id as string, {
      status: v.status as OperationStatus,
      workOrderId: v.workOrderId as string,
      good: v.good as number,
      scrap: v.scrap as number,
      last: null,
    });
  }
  return {
    ops,
    workOrders,
    holds: new Map(),
    notes: new Map(),
    reports: new Map(),
    changes: new Map(),
    acks: new Map(),
    conflicts: new Map(),
    rejections: new Map(),
  };
}

/**
 * Walks the audit in the order the server applied it (its `seq`, whatever order the network
 * delivered the pushes in) and judges every entry against its intent: each must get exactly the
 * outcome the state machine gives it at that point, so every expected conflict is there once and
 * no other. The model follows the expected outcomes, so it is what the server's state must be.
 */
export function judge(audit: Audit[], intents: Map<string, Intent>, model: Model): string[] {
  const out: string[] = [];
  for (const a of [...audit].sort((x, y) => x.seq - y.seq)) {
    const intent = intents.get(a.id);
    if (!intent) {
      out.push(`audit ${a.id} ${a.mutation}: no participant queued it`);
      continue;
    }
    if (a.mutation !== intent.name || a.actorId !== intent.actorId || canonical(a.args) !== canonical(intent.args)) {
      out.push(
        `audit ${a.id}: the server recorded ${a.mutation} by ${a.actorId} ${canonical(a.args)}, but ${intent.participant} queued ${intent.name} by ${intent.actorId} ${canonical(intent.args)}`,
      );
    }
    const rule = RULES[intent.name];
    if (!intent.expect && !rule) {
      out.push(`audit ${a.id}: the oracle has no rule for ${intent.name}`);
      continue;
    }
    const { expect, apply, sides } = intent.expect ? { expect: intent.expect, apply: undefined, sides: undefined } : rule!(model, a, intent.args as Args);
    if (a.outcome !== expect.outcome || (expect.outcome !== 'applied' && a.code !== expect.code)) {
      out.push(`audit ${a.id} ${intent.participant} ${intent.name} ${canonical(intent.args)}: expected ${show(expect)}, server said ${show(a)}`);
    }
    if (expect.outcome === 'applied') apply?.();
    else if (expect.outcome === 'conflict') model.conflicts.set(a.id, { code: expect.code, audit: a, sides });
    else model.rejections.set(a.id, { code: expect.code, audit: a });
  }
  return out;
}
