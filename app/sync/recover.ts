import type { FloorboardDB, OutboxEntry } from '../db';

/**
 * When the server is behind the tablet's acknowledgements (its file was restored from a backup, or
 * a power cut lost commits it had answered), the ids it asks for next were confirmed and dropped
 * here, so the old client id can never push again (S1: ids are never reused, S3: no gaps). The
 * tablet goes on as a NEW client of the same IndexedDB: in one transaction every unconfirmed entry
 * is renumbered 1, 2, 3 … in its order, the acknowledged id and the cursor go back to 0 and the
 * replica is cleared (the server no longer holds what the lost commits wrote), so the next pull
 * re-bases it from 0 and re-applies the entries on top (S7). The entries were all above the
 * server's lastMutationId, so none of them had been applied there: nothing applies twice.
 * Returns the new client id; the old ones are kept in meta `retiredClientIds`.
 */
export async function startOverAsNewClient(db: FloorboardDB, newClientId: () => string): Promise<string> {
  const fresh = newClientId();
  await db.transaction('rw', db.tables, async () => {
    const [entries, old, retired] = await Promise.all([
      db.outbox.orderBy('id').toArray() as Promise<OutboxEntry[]>,
      db.meta.get('clientId'),
      db.meta.get('retiredClientIds'),
    ]);
    const renumbered = entries.map((e, i) => ({ ...e, id: i + 1 }));
    await Promise.all([db.outbox.clear(), db.beforeImages.clear(), ...db.entityTables().map((t) => t.clear())]);
    await Promise.all([
      renumbered.length ? db.outbox.bulkAdd(renumbered) : undefined,
      db.meta.bulkPut([
        { key: 'clientId', value: fresh },
        { key: 'nextMutationId', value: renumbered.length + 1 },
        { key: 'lastMutationId', value: 0 },
        { key: 'cursor', value: 0 },
        { key: 'cursorTag', value: null },
        { key: 'retiredClientIds', value: [...((retired?.value as string[] | undefined) ?? []), ...(old ? [old.value as string] : [])] },
      ]),
    ]);
  });
  return fresh;
}
