import { MAX_PUSH_MUTATIONS, PROTOCOL_VERSION, PushResponse, type PushMutation } from '../../shared/protocol';
import type { FloorboardDB, OutboxEntry } from '../db';
import { setMeta } from '../db';
import { JsonText, type Requester } from './http';

/** Why a sync step stopped; `null` means it finished cleanly. */
export type StepError = 'offline' | 'protocol-version' | 'device-revoked-or-unknown' | 'mutation-gap' | 'not-enrolled' | `http-${number}` | `server-${string}`;

/**
 * The server asks for an id whose entry this tablet dropped because the server had confirmed it:
 * the server lost commits (restored backup, power cut). Handled by the client (recover.ts), never shown.
 */
export type PushStop = StepError | 'server-behind';

const toWire = (e: OutboxEntry): PushMutation => {
  const m: PushMutation = { id: e.id, name: e.name, args: e.args, actorId: e.actorId, at: e.at };
  if (e.base !== undefined) m.base = e.base;
  if (e.proof !== undefined) m.proof = e.proof;
  return m;
};

export function httpError(status: number, body: unknown): StepError {
  const code = (body as { code?: string } | null)?.code;
  if (status === 0) return 'offline';
  if (code === 'protocol-version') return 'protocol-version';
  if (status === 401) return 'device-revoked-or-unknown';
  return code ? `server-${code}` : `http-${status}`;
}

/** One push request, read and serialised ahead of its turn. */
interface Batch {
  /** Id of the last entry in the batch. */
  last: number;
  body: JsonText;
}

/** The next batch above `after` (at most MAX_PUSH_MUTATIONS entries), or null when none is left. */
async function readBatch(db: FloorboardDB, clientId: string, after: number): Promise<Batch | null> {
  const entries = await db.outbox.where('id').above(after).limit(MAX_PUSH_MUTATIONS).toArray();
  if (!entries.length) return null;
  const body = JSON.stringify({ protocol: PROTOCOL_VERSION, clientId, mutations: entries.map(toWire) });
  return { last: entries[entries.length - 1]!.id, body: new JsonText(body) };
}

/**
 * Pushes the outbox in id order, in batches of at most MAX_PUSH_MUTATIONS (S2, S3). The server
 * skips ids it has seen, so resending after a lost answer is safe. Entries (and the before-images
 * of what they touched) stay until a pull confirms them (S7). While one batch is on the wire the
 * next is read and serialised and the acknowledged id is saved, so requests follow each other
 * without the client's work in between. `acked` is the server's lastMutationId as last saved.
 */
export async function pushOutbox(db: FloorboardDB, request: Requester, clientId: string, acked: number): Promise<PushStop | null> {
  // The acknowledged id is only where the next pass starts sending: a power cut that loses it
  // makes the tablet resend entries the server skips (S2). So it is saved on the relaxed
  // connection, and no flush of the tablet's disk competes with the server's pushes.
  const relaxed = await db.relaxed();
  let gaps = 0;
  let next: Promise<Batch | null> = readBatch(db, clientId, acked);
  let saving: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const batch = await next;
      if (!batch) return null;
      const sending = request('POST', '/api/sync/push', batch.body, PushResponse);
      next = readBatch(db, clientId, batch.last);
      const res = await sending;
      await saving;
      if (res.ok) {
        const last = res.body.lastMutationId;
        if (last < batch.last) return 'server-push-incomplete';
        saving = setMeta(relaxed, 'lastMutationId', last);
        // The server had already seen more than this batch (an earlier answer was lost): skip on.
        if (last > batch.last) next = settle(next).then(() => readBatch(db, clientId, last));
        continue;
      }
      const body = res.body as { code?: string; lastMutationId?: number } | null;
      if (res.status === 409 && body?.code === 'mutation-gap' && typeof body.lastMutationId === 'number') {
        // S3: the server wants lastMutationId + 1 next. Entries are dropped only once a pull showed
        // the server had them, so an outbox that starts beyond `want` means the server forgot
        // what it confirmed. Anything else (no entry at all, a loop) is a bug to surface.
        const want = body.lastMutationId + 1;
        await settle(next);
        const first = await db.outbox.where('id').aboveOrEqual(want).first();
        if (first && first.id > want) return 'server-behind';
        if (gaps++ > 2 || !first || first.id !== want) return 'mutation-gap';
        saving = setMeta(relaxed, 'lastMutationId', body.lastMutationId);
        next = readBatch(db, clientId, body.lastMutationId);
        continue;
      }
      return httpError(res.status, res.body);
    }
  } finally {
    // A batch read ahead and not sent is dropped; the saved id must be in before the pull reads meta.
    void settle(next);
    await saving;
  }
}

/** Waits for a read-ahead that is no longer wanted, ignoring its failure. */
const settle = (p: Promise<unknown>): Promise<void> =>
  p.then(
    () => undefined,
    () => undefined,
  );
