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
  if (req.mutations.length === 0) {
    const client = await store.getClient(req.clientId);
    if (client && client.owner !== ownerOf(principal)) throw new HttpError(403, 'client-taken', 'this client id belongs to another device');
    return { lastMutationId: client?.lastMutationId ?? 0, results: [] };
  }
  const results: MutationResult[] = [];
  const scopes = new Set<string>();
  let lastMutationId = 0;
  let head = 0;
  const replayed: number[] = [];
  try {
    // Each mutation in its own savepoint, sharing transactions with concurrent pushes (committer.ts),
    // which also checks the client and the batch for gaps first (S1, S3); outcomes arrive only once
    // their transaction has committed (S4).
    await committerFor(store).apply(principal, req.clientId, req.mutations, deps.clock, (outcomes, committedHead) => {
      for (const out of outcomes) {
        if (!out.processed) replayed.push(out.result.id);
        results.push(out.result);
        out.scopes.forEach((s) => scopes.add(s));
        lastMutationId = Math.max(lastMutationId, out.lastMutationId);
      }
      head = Math.max(head, committedHead);
    });
  } finally {
    // Poke after commit even when a later mutation failed: the earlier ones are already durable.
    if (scopes.size > 0) deps.pokes.publish({ cursor: head, scopes: [...scopes] });
  }
  // Already processed, by an earlier push or a racing one of the same client: answer what was recorded (S2).
  for (const id of replayed) {
    const at = results.findIndex((r) => r.id === id);
    results[at] = await storedResult(store, req.clientId, id);
  }
  return { lastMutationId, results };
}
