import type { Draft, EntityName, EntityOf } from '../../shared/schema';
import { REF_FIELD } from '../../shared/schema';
import type { Tx } from '../../shared/domain/tx';
import type { FloorboardDB } from './database';
import type { BeforeImage } from './outbox';

/**
 * The shared `Tx` over Dexie tables. Must run inside a Dexie transaction that covers every entity
 * table. It records a before-image on the first write of each record, so an optimistic apply can
 * be reverted when the server's state arrives (S7 rebase).
 */
export class DexieTx implements Tx {
  private readonly touched = new Map<string, BeforeImage>();

  constructor(private readonly db: FloorboardDB) {}

  async get<N extends EntityName>(entity: N, id: string): Promise<EntityOf<N> | undefined> {
    return this.db.entity(entity).get(id);
  }

  async byRef<N extends EntityName>(entity: N, ref: string): Promise<EntityOf<N>[]> {
    const field = REF_FIELD[entity];
    if (!field) throw new Error(`no REF_FIELD for ${entity}`);
    return this.db.entity(entity).where(field).equals(ref).toArray();
  }

  async put<N extends EntityName>(entity: N, value: Draft<N>): Promise<void> {
    const table = this.db.entity(entity);
    const id = (value as { id: string }).id;
    const current = (await table.get(id)) as Record<string, unknown> | undefined;
    const key = `${entity}\u0000${id}`;
    if (!this.touched.has(key)) this.touched.set(key, { entity, id, value: current ?? null });
    // The replica keeps the server's stamp: the server's own values arrive by pull.
    const version = (current?.version as number | undefined) ?? 0;
    const updatedAt = (current?.updatedAt as string | undefined) ?? '';
    await table.put({ ...value, version, updatedAt } as EntityOf<N>);
  }

  /** Before-images in first-touch order. */
  beforeImages(): BeforeImage[] {
    return [...this.touched.values()];
  }
}

/**
 * Restores before-images (one per record; if a record comes twice, the last wins): one bulkPut and
 * one bulkDelete per table.
 */
export async function restoreImages(db: FloorboardDB, images: BeforeImage[]): Promise<void> {
  const last = new Map<string, BeforeImage>();
  for (const img of images) last.set(`${img.entity}\u0000${img.id}`, img);
  const byTable = new Map<string, { puts: unknown[]; deletes: string[] }>();
  for (const img of last.values()) {
    let g = byTable.get(img.entity);
    if (!g) byTable.set(img.entity, (g = { puts: [], deletes: [] }));
    if (img.value) g.puts.push(img.value);
    else g.deletes.push(img.id);
  }
  const ops: Promise<unknown>[] = [];
  for (const [name, g] of byTable) {
    const table = db.table(name);
    if (g.puts.length) ops.push(table.bulkPut(g.puts));
    if (g.deletes.length) ops.push(table.bulkDelete(g.deletes));
  }
  await Promise.all(ops);
}
