import { ENTITIES, REF_FIELD, type Draft, type EntityName, type EntityOf } from '../../shared/schema';
import type { Tx } from '../../shared/domain/tx';

/** One `put` a mutator made, as stored (with `version` and `updatedAt` stamped). */
export interface Write {
  entity: EntityName;
  value: Record<string, unknown>;
}

export interface MemoryTxOptions {
  /** Server time stamped as `updatedAt` on every put. */
  now?: string;
  /** Parse every put with `ENTITIES[entity]` and throw on a record that fails its own schema. */
  validate?: boolean;
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id) < String(b.id) ? -1 : 1);

/**
 * An in-memory Tx for unit tests: a Map per entity, `byRef` through `REF_FIELD`, and a `put` that
 * stamps `version` from an incrementing counter (like the server's change sequence) and `updatedAt`.
 * Values are cloned in and out so a mutator cannot change stored records without `put`.
 */
export class MemoryTx implements Tx {
  readonly writes: Write[] = [];
  private readonly maps = new Map<EntityName, Map<string, Record<string, unknown>>>();
  private seq = 0;
  private readonly now: string;
  private readonly validate: boolean;

  constructor(opts: MemoryTxOptions = {}) {
    this.now = opts.now ?? '2026-11-21T12:00:00.000Z';
    this.validate = opts.validate ?? true;
  }

  private map(entity: EntityName) {
    let m = this.maps.get(entity);
    if (!m) this.maps.set(entity, (m = new Map()));
    return m;
  }

  /** Stores records as they already are (no stamping, no write log): the world before the test. */
  seed<N extends EntityName>(entity: N, ...values: EntityOf<N>[]): this {
    for (const v of values) this.map(entity).set((v as { id: string }).id, structuredClone(v) as Record<string, unknown>);
    return this;
  }

  /** Deletes a stored record, as a pull's deletion does on the tablet (no write log). */
  remove(entity: EntityName, id: string): void {
    this.map(entity).delete(id);
  }

  async get<N extends EntityName>(entity: N, id: string): Promise<EntityOf<N> | undefined> {
    const v = this.map(entity).get(id);
    return v === undefined ? undefined : (structuredClone(v) as EntityOf<N>);
  }

  async byRef<N extends EntityName>(entity: N, ref: string): Promise<EntityOf<N>[]> {
    const field = REF_FIELD[entity];
    if (!field) throw new Error(`MemoryTx.byRef: ${entity} has no REF_FIELD`);
    return [...this.map(entity).values()]
      .filter((v) => v[field] === ref)
      .sort(byId)
      .map((v) => structuredClone(v) as EntityOf<N>);
  }

  async put<N extends EntityName>(entity: N, value: Draft<N>): Promise<void> {
    const stored: Record<string, unknown> = { ...(structuredClone(value) as Record<string, unknown>), version: ++this.seq, updatedAt: this.now };
    if (this.validate) {
      const r = ENTITIES[entity].safeParse(stored);
      if (!r.success) throw new Error(`MemoryTx.put: ${entity} ${String(stored.id)} fails its schema: ${r.error.message}`);
    }
    this.map(entity).set(String(stored.id), stored);
    this.writes.push({ entity, value: structuredClone(stored) });
  }

  /** The stored record, synchronously, for assertions. */
  peek<N extends EntityName>(entity: N, id: string): EntityOf<N> | undefined {
    const v = this.map(entity).get(id);
    return v === undefined ? undefined : (structuredClone(v) as EntityOf<N>);
  }

  /** Every stored record of an entity, for assertions. */
  all<N extends EntityName>(entity: N): EntityOf<N>[] {
    return [...this.map(entity).values()].map((v) => structuredClone(v) as EntityOf<N>);
  }

  /** The entities written, in order: `['operations', 'workOrders']`. */
  written(): EntityName[] {
    return this.writes.map((w) => w.entity);
  }
}
