import { planPrune, type Dropped, type ReplicaSnapshot } from '../../shared/domain/retention';
import type { FloorboardDB } from './database';

const JUDGED = [
  'workOrders',
  'operations',
  'travelers',
  'quantityReports',
  'holds',
  'scheduleChanges',
  'acknowledgements',
  'conflicts',
  'rejections',
  'notes',
  'audit',
  'users',
] as const satisfies readonly (keyof ReplicaSnapshot)[];

/** Every string an outbox entry's args carry (ids of the records it names), to a shallow depth. */
function namedIds(args: unknown, into: Set<string>, depth = 0): void {
  if (typeof args === 'string') into.add(args);
  else if (depth < 3 && args && typeof args === 'object') for (const v of Object.values(args)) namedIds(v, into, depth + 1);
}

/**
 * D4: drops from the replica (never from the server) the finished records older than `cutoffMs`,
 * by the rules of shared/domain/retention.ts. The outbox is not touched, and neither is a record
 * a pending mutation touched (it has a before-image) or names in its args. One transaction over
 * the replica, the outbox and the images, so no mutate or pull lands between the plan and the
 * deletes. Returns what went.
 */
export async function pruneReplica(db: FloorboardDB, cutoffMs: number): Promise<Dropped[]> {
  const tables = [...JUDGED.map((e) => db.table(e)), db.outbox, db.beforeImages];
  return db.transaction('rw', tables, async () => {
    const protectedIds = new Set<string>();
    for (const img of await db.beforeImages.toArray()) protectedIds.add(`${img.entity}/${img.id}`);
    for (const e of await db.outbox.toArray()) namedIds(e.args, protectedIds);
    const snapshot: Record<string, unknown[]> = {};
    await Promise.all(JUDGED.map(async (e) => void (snapshot[e] = await db.table(e).toArray())));
    const dropped = planPrune(snapshot as ReplicaSnapshot, cutoffMs, protectedIds);
    const byEntity = new Map<string, string[]>();
    for (const d of dropped) {
      const list = byEntity.get(d.entity);
      if (list) list.push(d.id);
      else byEntity.set(d.entity, [d.id]);
    }
    await Promise.all([...byEntity].map(([e, idList]) => db.table(e).bulkDelete(idList)));
    return dropped;
  });
}
