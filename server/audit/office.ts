import { scopesOf, type EntityName, type User } from '../../shared/schema';
import type { UserActor } from '../auth/users';
import type { StoreWriter } from '../store/types';
import { AUDIT_SCOPES, appendAudit } from '../sync/audit-entry';
import { toRecordWrite } from '../sync/records';
import { canonicalJson } from './chain';

/**
 * One record an office act writes: a user by default, or a plant record (server/plant/). With
 * `deleted`, a tombstone: the record leaves the replicas, its last value stays in the chain.
 */
export interface OfficeWrite {
  entity?: EntityName;
  before: User | Record<string, unknown> | null;
  after: Record<string, unknown>;
  deleted?: boolean;
}

/**
 * Whether an edit would store what is stored already. Such an edit writes nothing (no version, no
 * link, no change to pull, no poke): a link that changes nothing would only be noise in the trail.
 */
export function unchanged(before: { version: number; updatedAt: string }, after: Record<string, unknown>): boolean {
  const { version: _v, updatedAt: _u, ...stored } = before;
  return canonicalJson(stored) === canonicalJson(after);
}

/**
 * Office writes happen outside a mutation, so they carry their own audit link (A4) in the same
 * transaction. Its id `office:<version>` cannot clash with a mutation's `clientId:mutationId`:
 * client ids have at least 8 characters. Returns the scopes the write reached, for the poke.
 *
 * A record reaches the clients of its old scopes too: a person moved off a station, or from
 * lead to operator, must reach the tablets that held them, or those would keep the old record.
 */
export async function audited(
  tx: StoreWriter,
  actor: UserActor,
  now: string,
  mutation: string,
  args: Record<string, unknown>,
  write?: OfficeWrite,
): Promise<string[]> {
  const version = await tx.nextVersion();
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let scopes: string[] = [...AUDIT_SCOPES];
  if (write) {
    const entity = write.entity ?? 'users';
    const key = `${entity}/${String(write.after.id)}`;
    const row = { ...toRecordWrite(entity, write.after, version, now), deleted: write.deleted === true };
    if (write.before) row.scopes = [...new Set([...row.scopes, ...scopesOf(entity, write.before)])];
    await tx.putRecords([row]);
    before[key] = write.before;
    // A tombstone's after-image is null, as the state verify reads a deletion (server/audit/state.ts).
    after[key] = row.deleted ? null : JSON.parse(row.value);
    scopes = [...new Set([...scopes, ...row.scopes])];
  }
  await appendAudit(
    tx,
    {
      id: `office:${version}`,
      clientId: 'office',
      mutationId: version,
      mutation,
      args,
      actorId: actor.actorId,
      deviceId: actor.deviceId,
      stationIds: [],
      at: now,
      serverAt: now,
      outcome: 'applied',
      code: null,
      flags: [],
      before,
      after,
    },
    version,
    now,
  );
  return scopes;
}
