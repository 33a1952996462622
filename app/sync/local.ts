import { applyMutation } from '../../shared/domain/mutators';
import { rejected, type MutationResultValue } from '../../shared/domain/tx';
import type { FloorboardDB, OutboxEntry } from '../db';
import { DexieTx, keepBeforeImages, readMeta, setMeta } from '../db';
import { buildContext } from './context';
import type { MutateOptions, SyncAuth } from './types';

/** Thrown inside the Dexie transaction so a local rejection leaves nothing behind. */
class Rollback extends Error {
  constructor(readonly result: MutationResultValue) {
    super('rollback');
  }
}

/**
 * S7: applies a mutation optimistically and queues it, in ONE Dexie transaction: the next
 * mutation id, the apply, the before-images of records no pending mutation had touched yet and the
 * outbox entry commit together or not at all. A mutation the local state already rejects is not
 * queued; its result goes straight back.
 */
export async function mutateLocal(
  db: FloorboardDB,
  auth: SyncAuth,
  name: string,
  args: unknown,
  actorId: string,
  at: string,
  opts: MutateOptions = {},
): Promise<{ result: MutationResultValue; id?: number }> {
  try {
    return await db.transaction('rw', db.tables, async () => {
      const meta = await readMeta(db);
      const ctx = await buildContext(db, auth, meta, actorId, at, at, opts.base);
      if (!ctx) throw new Rollback(rejected('unknown-actor', 'sign in again: this user is not known on this device'));
      const tx = new DexieTx(db);
      const result = await applyMutation(tx, name, args, ctx);
      if (result.outcome !== 'applied') throw new Rollback(result);
      const id = meta.nextMutationId ?? 1;
      await setMeta(db, 'nextMutationId', id + 1);
      const entry: OutboxEntry = { id, name, args, actorId, at };
      if (opts.base !== undefined) entry.base = opts.base;
      await Promise.all([db.outbox.add(entry), keepBeforeImages(db, tx.beforeImages())]);
      return { result, id };
    });
  } catch (e) {
    if (e instanceof Rollback) return { result: e.result };
    throw e;
  }
}
