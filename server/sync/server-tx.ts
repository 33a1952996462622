import type { EntityName, EntityOf } from '../../shared/schema';
import { REF_FIELD } from '../../shared/schema';
import type { Tx } from '../../shared/domain/tx';
import type { StoredRecord, StoreWriter } from '../store/types';

const key = (entity: string, id: string) => `${entity}/${id}`;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** The stamps the mutation's writes commit with (see apply-one.ts). */
export interface Stamp {
  version: number;
  updatedAt: string;
}

/**
 * The mutators' `Tx` on the server (contract in shared/domain/tx.ts). Writes are buffered and
 * reach the store only through `drafts`, and only when the mutation was applied: a rejected or
 * conflicting mutation leaves nothing half-written behind. Reads see the buffer first, stamped as
 * the write will commit.
 */
export class ServerTx implements Tx {
  private readonly writes = new Map<string, { entity: EntityName; value: Record<string, unknown> }>();
  /** The stored value before this mutation touched each record (A4 audit `before`). */
  readonly before: Record<string, unknown> = {};
  /** Records read from the store, so a put after a get does not read the same row again. */
  private readonly stored = new Map<string, StoredRecord | undefined>();

  constructor(
    private readonly store: StoreWriter,
    private readonly stamp: Stamp,
  ) {}

  private async read(entity: EntityName, id: string): Promise<StoredRecord | undefined> {
    const k = key(entity, id);
    if (this.stored.has(k)) return this.stored.get(k);
    const r = await this.store.getRecord(entity, id);
    this.stored.set(k, r);
    return r;
  }

  /** A buffered write as a read returns it: the caller's copy, with the stamps it commits with. */
  private stamped<T>(value: Record<string, unknown>): T {
    const v = structuredClone(value);
    v.version = this.stamp.version;
    v.updatedAt = this.stamp.updatedAt;
    return v as T;
  }

  async get<N extends EntityName>(entity: N, id: string): Promise<EntityOf<N> | undefined> {
    const w = this.writes.get(key(entity, id));
    if (w) return this.stamped(w.value);
    const r = await this.read(entity, id);
    return r && !r.deleted ? (JSON.parse(r.value) as EntityOf<N>) : undefined;
  }

  async byRef<N extends EntityName>(entity: N, ref: string): Promise<EntityOf<N>[]> {
    const field = REF_FIELD[entity];
    if (!field) throw new Error(`ServerTx.byRef: ${entity} has no REF_FIELD`);
    const found = new Map<string, EntityOf<N>>();
    for (const r of await this.store.byRef(entity, ref)) {
      this.stored.set(key(entity, r.id), r);
      if (!r.deleted) found.set(r.id, JSON.parse(r.value) as EntityOf<N>);
    }
    for (const w of this.writes.values()) {
      if (w.entity !== entity) continue;
      const id = String(w.value.id);
      if (w.value[field] === ref) found.set(id, this.stamped(w.value));
      else found.delete(id);
    }
    // The store's order is SQLite's (UTF-8 bytes, not `<` past U+FFFF) and new records come last:
    // a few records, already nearly sorted, so this is cheap.
    return [...found.values()].sort(byId);
  }

  async put<N extends EntityName>(entity: N, value: Omit<EntityOf<N>, 'version' | 'updatedAt'>): Promise<void> {
    // A copy without the stamps, which are the server's to set (destructured, not `delete`d, which
    // would make it a slow dictionary-mode object). Shallow: the caller hands the value over (Tx).
    const { version: _version, updatedAt: _updatedAt, ...v } = value as Record<string, unknown>;
    const k = key(entity, String(v.id));
    if (!this.writes.has(k)) {
      const prev = await this.read(entity, String(v.id));
      this.before[k] = prev && !prev.deleted ? JSON.parse(prev.value) : null;
    }
    this.writes.set(k, { entity, value: v });
  }

  /** The buffered writes, in the order first written. */
  drafts(): { entity: EntityName; value: Record<string, unknown> }[] {
    return [...this.writes.values()];
  }
}
