import { getMeta } from '../../../app/db';
import type { Change, PullResponse } from '../../../shared/protocol';
import { ENTITY_NAMES } from '../../../shared/schema';
import type { SimClient } from './actions';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
type View = Map<string, Map<string, Record<string, unknown>>>;

/** Stable JSON (sorted keys) so key order never decides equality. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** What the server shows this client from cursor 0: the truth its replica must equal. */
export async function freshPull(fetch: Fetch, headers: Record<string, string>, clientId: string): Promise<View> {
  const view: View = new Map(ENTITY_NAMES.map((e) => [e, new Map()]));
  let cursor = 0;
  for (;;) {
    const res = await fetch(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, { headers });
    if (!res.ok) throw new Error(`fresh pull ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    if ('reset' in page) throw new Error('fresh pull answered reset');
    for (const c of page.changes as Change[]) {
      if (c.deleted || !c.value) view.get(c.entity)!.delete(c.id);
      else view.get(c.entity)!.set(c.id, c.value);
    }
    cursor = page.cursor;
    if (!page.more) return view;
  }
}

/** Every difference between a client's tables and the server's view of its scope. */
export async function diffReplica(c: SimClient, truth: View): Promise<string[]> {
  const out: string[] = [];
  for (const e of ENTITY_NAMES) {
    const local = new Map((await c.db.table(e).toArray()).map((r: Record<string, unknown>) => [r.id as string, r]));
    const want = truth.get(e)!;
    for (const [id, v] of want) {
      const l = local.get(id);
      if (!l) out.push(`${c.name}: missing ${e}/${id}`);
      else if (canonical(l) !== canonical(v)) out.push(`${c.name}: ${e}/${id} differs: local ${canonical(l)} server ${canonical(v)}`);
    }
    for (const id of local.keys()) if (!want.has(id)) out.push(`${c.name}: extra ${e}/${id}`);
  }
  return out;
}

/**
 * The sync invariants of DESIGN §12 over the whole plant (the console's view): nothing queued is
 * lost, nothing is applied twice, quantities add up, and conflicts match the audit one to one.
 */
export async function checkLedger(all: View, clients: SimClient[]): Promise<string[]> {
  const out: string[] = [];
  const audit = [...all.get('audit')!.values()];
  const byKey = new Map<string, number>();
  for (const a of audit) {
    const k = `${a.clientId}:${a.mutationId}`;
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  for (const [k, n] of byKey) if (n > 1) out.push(`audit: ${k} appears ${n} times (applied twice)`);
  for (const c of clients) {
    const clientId = await getMeta(c.db, 'clientId');
    const queued = ((await getMeta(c.db, 'nextMutationId')) ?? 1) - 1;
    const pending = await c.db.outbox.count();
    if (pending) out.push(`${c.name}: ${pending} mutations still in the outbox after settling`);
    for (let id = 1; id <= queued; id++) if (!byKey.has(`${clientId}:${id}`)) out.push(`${c.name}: mutation ${id} lost (not in audit)`);
    const extra = audit.filter((a) => a.clientId === clientId && (a.mutationId as number) > queued);
    if (extra.length) out.push(`${c.name}: audit has mutations the tablet never queued`);
  }
  const reports = [...all.get('quantityReports')!.values()];
  for (const op of all.get('operations')!.values()) {
    const mine = reports.filter((r) => r.operationId === op.id);
    const good = mine.reduce((s, r) => s + (r.good as number), 0);
    const scrap = mine.reduce((s, r) => s + (r.scrap as number), 0);
    if (good !== op.good || scrap !== op.scrap) out.push(`operation ${op.id}: good/scrap ${op.good}/${op.scrap} but reports sum to ${good}/${scrap}`);
  }
  const appliedReports = audit.filter((a) => a.mutation === 'reportQuantity' && a.outcome === 'applied').length;
  if (appliedReports !== reports.length) out.push(`${appliedReports} applied reportQuantity but ${reports.length} quantity reports`);
  const conflicts = all.get('conflicts')!;
  const conflictAudit = audit.filter((a) => a.outcome === 'conflict');
  for (const a of conflictAudit) if (!conflicts.has(a.id as string)) out.push(`audit ${a.id} is a conflict without a conflict record`);
  const ids = new Set(conflictAudit.map((a) => a.id));
  for (const id of conflicts.keys()) if (!ids.has(id)) out.push(`conflict ${id} has no conflict audit entry`);
  return out;
}
