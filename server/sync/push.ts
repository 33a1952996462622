import type { Clock } from '../../shared/domain/clock';
import type { AuditEntry } from '../../shared/schema';
import { PROTOCOL_VERSION, type MutationResult, type PushRequest, type PushResponse } from '../../shared/protocol';
import { HttpError } from '../errors';
import type { Store } from '../store/types';
import type { Committer } from './committer';
import type { Pokes } from './pokes';
import { ownClient, type Principal } from './principal';

// The push, step by step (docs/sync.md lists the same steps): 1–4 in server/routes/sync.ts (2 is
// checkProtocol below), 5–15 in committer.ts and apply-one.ts (5 is principal.ts's ownClient), 16–17 here.

export interface SyncDeps {
  store: Store;
  clock: Clock;
  pokes: Pokes;
  /** The store's one writer for pushes (group commit); createApp makes it unless given one. */
  committer: Committer;
}

/** S9: a `protocol` other than this server's is 400 `protocol-version`, before the schema is checked. */
export function checkProtocol(body: unknown): void {
  // 2: S9 before the schema: an older client may send a shape this version no longer accepts.
  const envelope = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if ('protocol' in envelope && envelope.protocol !== PROTOCOL_VERSION) {
    throw new HttpError(400, 'protocol-version', `this server speaks protocol ${PROTOCOL_VERSION}; update the app`);
  }
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
    // 5: S1 for an empty push too (a tablet asking where it stands): no transaction to check it in.
    const client = await store.getClient(req.clientId);
    ownClient(client, principal);
    return { lastMutationId: client?.lastMutationId ?? 0, results: [] };
  }
  const results: MutationResult[] = [];
  const scopes = new Set<string>();
  let lastMutationId = 0;
  let head = 0;
  const replayed: number[] = [];
  try {
    await deps.committer.apply(principal, req.clientId, req.mutations, (outcomes, committedHead) => {
      for (const out of outcomes) {
        if (!out.processed) replayed.push(out.result.id);
        results.push(out.result);
        for (const s of out.scopes) scopes.add(s);
        lastMutationId = Math.max(lastMutationId, out.lastMutationId);
      }
      head = Math.max(head, committedHead);
    });
  } finally {
    // 16: one poke with the new head to the streams whose scopes were written, once committed, even
    // when a later mutation failed: the earlier ones are durable.
    if (scopes.size > 0) deps.pokes.publish({ cursor: head, scopes: [...scopes] });
  }
  // 17: S2, a mutation already processed (by an earlier push, or a racing one of the same client)
  // is answered with what was recorded the first time.
  for (const id of replayed) {
    const at = results.findIndex((r) => r.id === id);
    results[at] = await storedResult(store, req.clientId, id);
  }
  return { lastMutationId, results };
}
