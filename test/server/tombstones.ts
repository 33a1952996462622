import type { Clock } from '../../shared/domain/clock';
import { scopesOf, type EntityName } from '../../shared/schema';
import { putAuditedRecords } from '../../server/audit/system';
import type { RecordWrite, Store } from '../../server/store/types';

/**
 * Deletes records as the server would (no mutation deletes yet): each becomes a tombstone at one
 * new version, still reaching the clients that held it (its scopes), written with its `system`
 * link so the state verify accounts for the deletion. Returns the tombstones' version.
 */
export async function removeRecords(store: Store, clock: Clock, keys: { entity: EntityName; id: string }[]): Promise<number> {
  const at = new Date(clock.now()).toISOString();
  return store.transaction(async (tx) => {
    const version = await tx.nextVersion();
    const rows: RecordWrite[] = [];
    for (const { entity, id } of keys) {
      const r = await tx.getRecord(entity, id);
      if (!r || r.deleted) throw new Error(`no live ${entity}/${id} to remove`);
      const scopes = scopesOf(entity, JSON.parse(r.value) as Record<string, unknown>);
      rows.push({ ...r, version, updatedAt: at, deleted: true, scopes, ref: null });
    }
    await putAuditedRecords(tx, rows, 'removeRecords', at);
    return version;
  });
}
