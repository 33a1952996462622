import type { Clock } from '../../shared/domain/clock';
import type { EntityName, EntityOf } from '../../shared/schema';
import { notFound } from '../errors';
import type { StoreReader } from '../store/types';

type PlantEntity = Extract<EntityName, 'departments' | 'stations' | 'reasonCodes' | 'shifts'>;

/** What a plant write reached: the record as stored now, and the scopes to poke (server/routes/plant.ts). */
export interface PlantWrite<T> {
  value: T;
  scopes: string[];
}

export const iso = (clock: Clock) => new Date(clock.now()).toISOString();

/** Every live record of one plant collection, by name (then id, so the order is stable). */
export async function live<N extends PlantEntity>(tx: StoreReader, entity: N): Promise<EntityOf<N>[]> {
  return (await tx.listRecords(entity))
    .filter((r) => !r.deleted)
    .map((r) => JSON.parse(r.value) as EntityOf<N>)
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.id.localeCompare(b.id));
}

const nameOf = (r: { name?: string; label?: string }) => r.name ?? r.label ?? '';

/** One live record, or 404 in words. */
export async function one<N extends PlantEntity>(tx: StoreReader, entity: N, id: string, what: string): Promise<EntityOf<N>> {
  const r = await tx.getRecord(entity, id);
  if (!r || r.deleted) throw notFound(`there is no ${what} ${id}`);
  return JSON.parse(r.value) as EntityOf<N>;
}

/** A record without the fields the server stamps, ready to write again. */
export const draftOf = <T extends { version: number; updatedAt: string }>({ version: _v, updatedAt: _u, ...draft }: T) => draft;

/** Names compare as people read them: without case or the spaces around. */
export const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
