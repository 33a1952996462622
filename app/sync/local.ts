import { applyMutation } from '../../shared/domain/mutators';
import { signProof } from '../../shared/domain/proof';
import { rejected, type MutationResultValue } from '../../shared/domain/tx';
import { newId } from '../../shared/ids';
import type { FloorboardDB, MetaValues, OutboxEntry } from '../db';
import { DexieTx, ensureClientId, keepBeforeImages, readMeta, setMeta } from '../db';
import { buildContext } from './context';
import type { MutateOptions, SyncAuth } from './types';

/** Thrown inside the Dexie transaction so a local rejection leaves nothing behind. */
class Rollback extends Error {
  constructor(readonly result: MutationResultValue) {
    super('rollback');
  }
}

/** Thrown inside the transaction when another mutate took the id the proof was made for. */
class IdTaken extends Error {}

interface Proven {
  clientId: string;
  id: number;
  proof: string;
}

/**
 * A2: the signed-in person's proof for the next mutation id, made before the transaction: WebCrypto
 * is not IndexedDB, and awaiting it inside a Dexie transaction would let the transaction commit.
 */
async function prove(
  db: FloorboardDB,
  meta: Partial<MetaValues>,
  name: string,
  args: unknown,
  actorId: string,
  at: string,
  makeClientId: () => string,
): Promise<Proven | undefined> {
  if (meta.proof?.userId !== actorId) return undefined;
  const clientId = meta.clientId ?? (await ensureClientId(db, makeClientId));
  const id = meta.nextMutationId ?? 1;
  return { clientId, id, proof: await signProof(meta.proof.key, clientId, { id, name, actorId, at, args }) };
}

/**
 * S7: applies a mutation optimistically and queues it, in ONE Dexie transaction: the next
 * mutation id, the apply, the before-images of records no pending mutation had touched yet and the
 * outbox entry commit together or not at all. A mutation the local state already rejects is not
 * queued; its result goes straight back. On a tablet, the signed-in person's entries carry their
 * PIN proof (A2).
 */
export async function mutateLocal(
  db: FloorboardDB,
  auth: SyncAuth,
  name: string,
  args: unknown,
  actorId: string,
  at: string,
  opts: MutateOptions = {},
  makeClientId: () => string = newId,
): Promise<{ result: MutationResultValue; id?: number }> {
  for (;;) {
    const proven = auth.kind === 'device' ? await prove(db, await readMeta(db), name, args, actorId, at, makeClientId) : undefined;
    try {
      return await db.transaction('rw', db.tables, async () => {
        const meta = await readMeta(db);
        const id = meta.nextMutationId ?? 1;
        if (proven && (proven.id !== id || proven.clientId !== meta.clientId)) throw new IdTaken();
        const ctx = await buildContext(db, auth, meta, actorId, at, at, opts.base);
        if (!ctx) throw new Rollback(rejected('unknown-actor', 'sign in again: this user is not known on this device'));
        const tx = new DexieTx(db);
        const result = await applyMutation(tx, name, args, ctx);
        if (result.outcome !== 'applied') throw new Rollback(result);
        await setMeta(db, 'nextMutationId', id + 1);
        const entry: OutboxEntry = { id, name, args, actorId, at };
        if (opts.base !== undefined) entry.base = opts.base;
        if (proven) entry.proof = proven.proof;
        await Promise.all([db.outbox.add(entry), keepBeforeImages(db, tx.beforeImages())]);
        return { result, id };
      });
    } catch (e) {
      if (e instanceof Rollback) return { result: e.result };
      // Another mutate queued first: sign again for the id that is now next.
      if (e instanceof IdTaken) continue;
      throw e;
    }
  }
}
