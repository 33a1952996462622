import { getMeta } from '../../../app/db';
import type { Change, PullResponse } from '../../../shared/protocol';
import { ENTITY_NAMES } from '../../../shared/schema';
import type { SimClient } from './actions';
import type { SimParticipant } from './clients';
import type { Network } from './network';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
export type View = Map<string, Map<string, Record<string, unknown>>>;

/** Stable JSON (sorted keys) so key order never decides equality. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Every change the server shows this client after `cursor`, and the cursor it ends at. */
export async function pullFrom(
  fetch: Fetch,
  headers: Record<string, string>,
  clientId: string,
  cursor: number,
): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  for (;;) {
    const res = await fetch(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, { headers });
    if (!res.ok) throw new Error(`pull ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    if ('reset' in page) throw new Error(`pull from ${cursor} answered reset`);
    changes.push(...(page.changes as Change[]));
    cursor = page.cursor;
    if (!page.more) return { changes, cursor };
  }
}

/** What the server shows this client from cursor 0: the truth its replica must equal. */
export async function freshPull(fetch: Fetch, headers: Record<string, string>, clientId: string): Promise<View> {
  const view: View = new Map(ENTITY_NAMES.map((e) => [e, new Map()]));
  for (const c of (await pullFrom(fetch, headers, clientId, 0)).changes) {
    if (c.deleted || !c.value) view.get(c.entity)!.delete(c.id);
    else view.get(c.entity)!.set(c.id, c.value);
  }
  return view;
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
 * Nothing queued is lost and nothing is applied twice (DESIGN §12): every mutation each client
 * queued is in the audit exactly once, none it did not queue, and every outbox is empty.
 */
export async function checkQueued(all: View, clients: SimClient[]): Promise<string[]> {
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
  return out;
}

/** What a replayed push answered for each mutation, by audit id `<clientId>:<mutationId>`. */
export type ReplayAnswers = Map<string, { outcome: string; code?: string }>;

/**
 * S2 at the end of a run: every push ever delivered, delivered again, changes nothing at all, and
 * answers each mutation with the outcome it got the first time (checked against the audit later).
 */
export async function replayChangesNothing(cons: SimParticipant, net: Network, answers: ReplayAnswers): Promise<string[]> {
  const clientId = (await getMeta(cons.db, 'clientId'))!;
  const headers = await cons.headers();
  const { cursor } = await pullFrom(cons.fetch, headers, clientId, (await getMeta(cons.db, 'cursor')) ?? 0);
  const out: string[] = [];
  for (const r of await net.replayPushes()) {
    if (r.status !== 200) {
      out.push(`a replayed push answered ${r.status}: ${r.answer}`);
      continue;
    }
    const sent = JSON.parse(r.body) as { clientId: string };
    const got = JSON.parse(r.answer) as { results: { id: number; outcome: string; code?: string }[] };
    for (const x of got.results) answers.set(`${sent.clientId}:${x.id}`, { outcome: x.outcome, ...(x.code ? { code: x.code } : {}) });
  }
  const after = await pullFrom(cons.fetch, headers, clientId, cursor);
  for (const c of after.changes) out.push(`a replayed push changed ${c.entity}/${c.id} (applied twice)`);
  return out;
}

/** A replayed mutation is answered as the audit recorded it the first time (S2). */
export function checkReplayAnswers(all: View, answers: ReplayAnswers): string[] {
  const out: string[] = [];
  for (const [id, got] of answers) {
    const a = all.get('audit')!.get(id);
    if (!a) out.push(`a replayed push answered ${id}, which is not in the audit`);
    else if (got.outcome !== a.outcome || (got.code ?? null) !== a.code) {
      out.push(
        `replayed ${id} answered ${[got.outcome, got.code].filter(Boolean).join(' ')}; its first outcome was ${[a.outcome, a.code].filter(Boolean).join(' ')}`,
      );
    }
  }
  return out;
}
