import { applyMutation } from '../../shared/domain/mutators';
import type { Change } from '../../shared/protocol';
import type { EntityName } from '../../shared/schema';
import type { BeforeImage, FloorboardDB, MetaValues, OutboxEntry } from '../db';
import { DexieTx, readMeta, restoreImages } from '../db';
import { buildContext } from './context';
import type { SyncAuth } from './types';

/** Server changes grouped per entity so each table gets one bulkPut and one bulkDelete. */
export function groupChanges(changes: Change[]): Map<EntityName, { puts: unknown[]; deletes: string[] }> {
  const out = new Map<EntityName, { puts: unknown[]; deletes: string[] }>();
  for (const c of changes) {
    let g = out.get(c.entity);
    if (!g) out.set(c.entity, (g = { puts: [], deletes: [] }));
    if (c.deleted || !c.value) g.deletes.push(c.id);
    else g.puts.push(c.value.version === undefined ? { ...c.value, version: c.version } : c.value);
  }
  return out;
}

async function writeChanges(db: FloorboardDB, changes: Change[]): Promise<void> {
  const ops: Promise<unknown>[] = [];
  for (const [entity, g] of groupChanges(changes)) {
    const table = db.table(entity);
    if (g.puts.length) ops.push(table.bulkPut(g.puts));
    if (g.deletes.length) ops.push(table.bulkDelete(g.deletes));
  }
  await Promise.all(ops);
}

/**
 * Reverts every pending optimistic apply: each record a pending mutation touched goes back to its
 * before-image (the server's state as last pulled), except the records the page writes anyway.
 * Only the images to restore are read. The images are then dropped: re-applying records new ones.
 */
async function revertPending(db: FloorboardDB, touched: [string, string][], changes: Change[]): Promise<void> {
  if (!touched.length) return;
  const written = new Set(changes.map((c) => `${c.entity}\u0000${c.id}`));
  const wanted = touched.filter(([entity, id]) => !written.has(`${entity}\u0000${id}`));
  const images = wanted.length ? await db.beforeImages.bulkGet(wanted) : [];
  await Promise.all([
    restoreImages(
      db,
      images.filter((i): i is BeforeImage => i !== undefined),
    ),
    db.beforeImages.clear(),
  ]);
}

/**
 * Re-applies pending entries in order on top of the server's state. The first image of each
 * record becomes its before-image; an entry that no longer applies locally leaves no trace.
 */
async function reapply(db: FloorboardDB, auth: SyncAuth, meta: Partial<MetaValues>, entries: OutboxEntry[]) {
  const kept = new Map<string, BeforeImage>();
  for (const e of entries) {
    const ctx = await buildContext(db, auth, meta, e.actorId, e.at, e.at, e.base);
    if (!ctx) continue;
    const tx = new DexieTx(db);
    const result = await applyMutation(tx, e.name, e.args, ctx);
    const images = tx.beforeImages();
    // The server will answer this one too; locally it no longer applies, so undo its writes.
    if (result.outcome !== 'applied') {
      await restoreImages(db, images);
      continue;
    }
    for (const img of images) {
      const key = `${img.entity}\u0000${img.id}`;
      if (!kept.has(key)) kept.set(key, img);
    }
  }
  if (kept.size) await db.beforeImages.bulkAdd([...kept.values()]);
}

function metaRows(prevLast: { value: unknown } | undefined, page: PageWrite) {
  const rows: { key: string; value: unknown }[] = [
    { key: 'cursor', value: page.cursor },
    { key: 'cursorTag', value: page.tag ?? null },
    { key: 'lastMutationId', value: Math.max((prevLast?.value as number | undefined) ?? 0, page.lastMutationId) },
  ];
  if (page.syncedAt) rows.push({ key: 'lastSyncAt', value: page.syncedAt });
  return rows;
}

export interface PageWrite {
  /** The cursor this page was pulled from: if another tab moved it meanwhile, the page is stale. */
  from: number;
  changes: Change[];
  cursor: number;
  /** The server's fingerprint of `cursor`. */
  tag?: string;
  lastMutationId: number;
  /** Drop confirmed outbox entries: only on the last page, when all their effects are in. */
  final: boolean;
  syncedAt?: string;
}

/**
 * S7: writes one pull page in ONE Dexie transaction: revert pending optimistic applies, write the
 * server's changes, drop the outbox entries the server has processed, re-apply the rest on top.
 * When the page confirms the whole outbox (a flush), no entry is read at all: the revert needs
 * only the before-images of records the page does not overwrite, and the outbox is cleared.
 * Re-applying only unconfirmed entries on the reverted base is what keeps a reportQuantity from
 * counting twice. With an empty outbox this is a plain bulk write.
 */
export async function writePage(db: FloorboardDB, auth: SyncAuth, page: PageWrite): Promise<boolean> {
  const stale = async () => (((await db.meta.get('cursor'))?.value as number | undefined) ?? 0) !== page.from;
  // A quiet pull with nothing pending only moves the cursor: keep it off the entity tables.
  if (!page.changes.length) {
    const done = await db.transaction('rw', db.outbox, db.meta, async () => {
      if (await stale()) return 'stale';
      if ((await db.outbox.count()) > 0) return false;
      await db.meta.bulkPut(metaRows(await db.meta.get('lastMutationId'), page));
      return true;
    });
    if (done) return done === true;
  }
  return db.transaction('rw', db.tables, async () => {
    // Keys only: which entries are pending and which records they touched, read with the cursor.
    const [cursor, ids, touched] = await Promise.all([
      db.meta.get('cursor'),
      db.outbox.toCollection().primaryKeys(),
      db.beforeImages.toCollection().primaryKeys(),
    ]);
    // Older data must never overwrite newer: a page pulled from a cursor that moved is dropped.
    if (((cursor?.value as number | undefined) ?? 0) !== page.from) return false;
    // Entries the server has processed are dropped (by key range: one request, not one per entry)
    // and never re-applied; only on the last page, when all their effects are in.
    const confirmed = page.final ? page.lastMutationId : 0;
    const rest = ids.filter((id) => id > confirmed);
    let drop: Promise<unknown> | null = null;
    if (rest.length < ids.length) drop = rest.length ? db.outbox.where('id').belowOrEqual(confirmed).delete() : db.outbox.clear();
    // All at once, not the revert and the drop after the page's writes: none of them waits for
    // another's answer. The revert skips every record the page writes, so the two never touch
    // the same record, and it reads the images it restores before it clears them.
    await Promise.all([
      writeChanges(db, page.changes),
      db.meta.get('lastMutationId').then((prev) => db.meta.bulkPut(metaRows(prev, page))),
      revertPending(db, touched, page.changes),
      drop,
    ]);
    if (!rest.length) return true;
    const entries = await db.outbox.where('id').above(confirmed).toArray();
    await reapply(db, auth, await readMeta(db), entries);
    return true;
  });
}

/** Handles `{ reset: true }`: forget the replica (not the outbox) and pull again from 0. */
export async function resetReplica(db: FloorboardDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    // The before-images point at records that are gone; the next page re-applies on fresh state.
    await Promise.all([...db.entityTables().map((t) => t.clear()), db.beforeImages.clear()]);
    await db.meta.bulkPut([
      { key: 'cursor', value: 0 },
      { key: 'cursorTag', value: null },
    ]);
  });
}
