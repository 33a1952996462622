import type { Clock } from '../../shared/domain/clock';
import type { AuditEntry } from '../../shared/schema';
import type { MutationResult, PushRequest, PushResponse } from '../../shared/protocol';
import { HttpError } from '../errors';
import type { Store } from '../store/types';
import { committerFor } from './committer';
import type { Pokes } from './pokes';
import { ownerOf, type Principal } from './principal';

export interface SyncDeps {
  store: Store;
  clock: Clock;
  pokes: Pokes;
}

/** What the server answered the first time, so a replay reports the same outcome (S2). */
async function storedResult(store: Store, clientId: string, id: number): Promise<MutationResult> {
  const rec = await store.getRecord('audit', `${clientId}:${id}`);
  if (!rec) return { id, outcome: 'applied' };
  const entry = JSON.parse(rec.value) as AuditEntry;
  return entry.code ? { id, outcome: entry.outcome, code: entry.code } : { id, outcome: entry.outcome };
}

/** Push (S1–S5): skip what was processed, refuse gaps, apply each mutation atomically (its own savepoint). */
export async function push(deps: SyncDeps, principal: Principal, req: PushRequest): Promise<PushResponse> {
  const { store } = deps;
  const client = await store.getClient(req.clientId);
  if (client && client.owner !== ownerOf(principal)) {
    throw new HttpError(403, 'client-taken', 'this client id belongs to another device');
  }
  const last = client?.lastMutationId ?? 0;
  const todo = req.mutations.filter((m) => m.id > last);
  // S3: check the whole batch first, so a gap applies nothing at all.
  todo.forEach((m, i) => {
    if (m.id !== last + 1 + i) {
      throw new HttpError(409, 'mutation-gap', `expected mutation ${last + 1 + i}, got ${m.id}`, { lastMutationId: last });
    }
  });

  const results: MutationResult[] = [];
  for (const m of req.mutations) if (m.id <= last) results.push(await storedResult(store, req.clientId, m.id));
  const scopes = new Set<string>();
  let lastMutationId = last;
  const replayed: number[] = [];
  try {
    // Each mutation in its own savepoint, sharing transactions with concurrent pushes (committer.ts);
    // outcomes arrive only once their transaction has committed (S4).
    await committerFor(store).apply(principal, req.clientId, todo, deps.clock, (outcomes) => {
      for (const out of outcomes) {
        if (out.processed) results.push(out.result);
        else {
          replayed.push(out.result.id);
          results.push(out.result);
        }
        out.scopes.forEach((s) => scopes.add(s));
        lastMutationId = Math.max(lastMutationId, out.result.id);
      }
    });
  } finally {
    // Poke after commit even when a later mutation failed: the earlier ones are already durable.
    if (scopes.size > 0) deps.pokes.publish({ cursor: await store.head(), scopes: [...scopes] });
  }
  // Processed meanwhile by a racing push of the same client: answer what that one recorded (S2).
  for (const id of replayed) {
    const at = results.findIndex((r) => r.id === id);
    results[at] = await storedResult(store, req.clientId, id);
  }
  return { lastMutationId, results };
}
