import { MAX_PUSH_MUTATIONS, PROTOCOL_VERSION, type PushMutation } from '../../shared/protocol';
import type { FloorboardDB, OutboxEntry } from '../db';
import { getMeta, setMeta } from '../db';
import type { Requester } from './http';

/** Why a sync step stopped; `null` means it finished cleanly. */
export type StepError =
  | 'offline'
  | 'protocol-version'
  | 'device-revoked-or-unknown'
  | 'mutation-gap'
  | 'not-enrolled'
  | `http-${number}`
  | `server-${string}`;

const toWire = (e: OutboxEntry): PushMutation => {
  const m: PushMutation = { id: e.id, name: e.name, args: e.args, actorId: e.actorId, at: e.at };
  if (e.base !== undefined) m.base = e.base;
  return m;
};

export function httpError(status: number, body: unknown): StepError {
  const code = (body as { code?: string } | null)?.code;
  if (status === 0) return 'offline';
  if (code === 'protocol-version') return 'protocol-version';
  if (status === 401) return 'device-revoked-or-unknown';
  return code ? `server-${code}` : `http-${status}`;
}

/**
 * Pushes the outbox in id order, in batches of at most MAX_PUSH_MUTATIONS (S2, S3). The server
 * skips ids it has seen, so resending after a lost answer is safe. Entries stay in the outbox
 * (with their before-images) until a pull confirms them (S7).
 */
export async function pushOutbox(db: FloorboardDB, request: Requester, clientId: string): Promise<StepError | null> {
  let gaps = 0;
  for (;;) {
    const acked = (await getMeta(db, 'lastMutationId')) ?? 0;
    const batch = await db.outbox.where('id').above(acked).limit(MAX_PUSH_MUTATIONS).toArray();
    if (!batch.length) return null;
    const res = await request('POST', '/api/sync/push', {
      protocol: PROTOCOL_VERSION,
      clientId,
      mutations: batch.map(toWire),
    });
    if (res.ok) {
      const last = (res.body as { lastMutationId: number }).lastMutationId;
      if (last < batch[batch.length - 1]!.id) return 'server-push-incomplete';
      await setMeta(db, 'lastMutationId', last);
      continue;
    }
    const body = res.body as { code?: string; lastMutationId?: number } | null;
    if (res.status === 409 && body?.code === 'mutation-gap' && typeof body.lastMutationId === 'number') {
      // S3: the server wants lastMutationId + 1 next. If we no longer hold it, the outbox and the
      // server disagree about history: a bug to surface, never to paper over.
      const want = body.lastMutationId + 1;
      const first = await db.outbox.where('id').aboveOrEqual(want).first();
      if (gaps++ > 2 || !first || first.id !== want) return 'mutation-gap';
      await setMeta(db, 'lastMutationId', body.lastMutationId);
      continue;
    }
    return httpError(res.status, res.body);
  }
}
