import { canonical } from './check';
import type { Audit, Model } from './oracle';

type View = Map<string, Map<string, Record<string, unknown>>>;
type Args = Record<string, unknown>;
const argsOf = (a: Audit) => a.args as Args;

/** Compares the named fields of a stored record with what they must be. */
function same(out: string[], what: string, rec: Record<string, unknown> | undefined, want: Record<string, unknown>) {
  if (!rec) return void out.push(`${what}: must be in the server's state, and is not`);
  for (const [k, v] of Object.entries(want)) {
    if (canonical(rec[k]) !== canonical(v)) out.push(`${what}: ${k} is ${canonical(rec[k])}, must be ${canonical(v)}`);
  }
}

/** The records of a table must be exactly the ones the model applied: none lost, none extra. */
function exactly<T>(out: string[], entity: string, table: Map<string, Record<string, unknown>>, want: Map<string, T>, check: (id: string, w: T) => void) {
  for (const [id, w] of want) check(id, w);
  for (const id of table.keys()) if (!want.has(id)) out.push(`${entity}/${id}: on the server, but no applied mutation made it (applied twice, or invented)`);
}

/**
 * The effect of every applied mutation is in the server's state and equals its arguments (a note
 * says what was written, a hold is on the job it was placed on), nothing was applied twice
 * (quantities are the sum over report ids, one acknowledgement per person and change), and every
 * conflict and rejection has its one record with the expected code.
 */
export function checkEffects(view: View, model: Model): string[] {
  const out: string[] = [];
  const t = (e: string) => view.get(e) ?? new Map<string, Record<string, unknown>>();
  const who = (a: Audit) => ({ deviceId: a.deviceId, at: a.at });

  exactly(out, 'notes', t('notes'), model.notes, (id, a) =>
    same(out, `note ${id}`, t('notes').get(id), { stationId: argsOf(a).stationId, text: argsOf(a).text, userId: a.actorId, ...who(a) }),
  );
  exactly(out, 'quantityReports', t('quantityReports'), model.reports, (id, a) => {
    const x = argsOf(a);
    same(out, `quantity report ${id}`, t('quantityReports').get(id), {
      operationId: x.operationId,
      good: x.good,
      scrap: x.scrap,
      scrapReason: x.scrapReason ?? null,
      userId: a.actorId,
      ...who(a),
    });
  });
  exactly(out, 'scheduleChanges', t('scheduleChanges'), model.changes, (id, a) => {
    const x = argsOf(a);
    same(out, `schedule change ${id}`, t('scheduleChanges').get(id), {
      kind: x.kind,
      message: x.message,
      stationIds: [...new Set(x.stationIds as string[])],
      workOrderIds: [...new Set(x.workOrderIds as string[])],
      requiresAck: x.requiresAck,
      postedBy: a.actorId,
      postedAt: a.at,
    });
  });
  exactly(out, 'acknowledgements', t('acknowledgements'), model.acks, (id, a) =>
    same(out, `acknowledgement ${id}`, t('acknowledgements').get(id), { changeId: argsOf(a).changeId, userId: a.actorId, ...who(a) }),
  );
  const perPair = new Map<string, number>();
  for (const ack of t('acknowledgements').values()) {
    const k = `${ack.changeId as string}:${ack.userId as string}`;
    perPair.set(k, (perPair.get(k) ?? 0) + 1);
  }
  for (const [k, n] of perPair) if (n > 1) out.push(`acknowledgements: ${n} for one person and change ${k} (applied twice)`);

  exactly(out, 'holds', t('holds'), model.holds, (id, h) => {
    const x = argsOf(h.place);
    const r = h.release;
    same(out, `hold ${id}`, t('holds').get(id), {
      workOrderId: x.workOrderId,
      operationId: x.operationId ?? null,
      kind: x.kind,
      reason: x.reason,
      placedBy: h.place.actorId,
      placedDeviceId: h.place.deviceId,
      placedAt: h.place.at,
      status: r ? 'released' : 'open',
      releasedBy: r?.actorId ?? null,
      releasedDeviceId: r?.deviceId ?? null,
      releasedAt: r?.at ?? null,
    });
  });

  for (const [id, op] of model.ops) {
    // The sum over the applied report ids: a report counted twice, or one not counted, shows here.
    same(out, `operation ${id}`, t('operations').get(id), { status: op.status, good: op.good, scrap: op.scrap, lastChange: op.last });
  }

  for (const [id, wo] of model.workOrders) {
    // A work order is in progress once an operation starts, completed when all are.
    const ops = [...model.ops.values()].filter((o) => o.workOrderId === id);
    const done = ops.length === wo.operationCount && ops.every((o) => o.status === 'completed');
    const status = done ? 'completed' : ops.some((o) => o.status !== 'pending') ? 'in-progress' : wo.status;
    same(out, `work order ${id}`, t('workOrders').get(id), { status });
  }

  exactly(out, 'conflicts', t('conflicts'), model.conflicts, (id, c) => {
    const r = c.resolved;
    same(out, `conflict ${id} (${c.audit.mutation})`, t('conflicts').get(id), {
      code: c.code,
      mutation: c.audit.mutation,
      actorId: c.audit.actorId,
      ...who(c.audit),
      status: r ? 'resolved' : 'open',
      resolvedBy: r?.actorId ?? null,
      resolution: r ? argsOf(r).resolution : null,
    });
    // Both sides (C2): the other actor, device and device time, and what the server kept.
    const rec = t('conflicts').get(id);
    const said = rec && canonical({ other: rec.other, kept: rec.kept });
    if (rec && c.sides && !c.sides.some((s) => canonical(s) === said)) {
      out.push(`conflict ${id} (${c.audit.mutation}): says ${said}, must say ${c.sides.map(canonical).join(' or ')}`);
    }
  });
  exactly(out, 'rejections', t('rejections'), model.rejections, (id, r) =>
    same(out, `rejection ${id} (${r.audit.mutation})`, t('rejections').get(id), {
      code: r.code,
      mutation: r.audit.mutation,
      actorId: r.audit.actorId,
      ...who(r.audit),
    }),
  );
  return out;
}
