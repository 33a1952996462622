import type { EntityName } from '../../shared/schema';

/**
 * A record as it was before the pending mutations touched it; `null` means it did not exist. The
 * `beforeImages` table keeps one per record (key `[entity+id]`): the image taken by the OLDEST
 * pending mutation that touched it, i.e. the record as the server last sent it (S7 rebase).
 */
export interface BeforeImage {
  entity: EntityName;
  id: string;
  value: Record<string, unknown> | null;
}

/** A mutation the server has not confirmed yet (S1, S7). */
export interface OutboxEntry {
  /** Mutation id: 1, 2, 3 … per client, never reused. */
  id: number;
  name: string;
  args: unknown;
  actorId: string;
  /** Device time (ISO) when the person did it (S10). */
  at: string;
  /** The record version the user saw, for field edits (C3). */
  base?: number;
  /** PIN proof of the actor, made when it was queued (A2, shared/domain/proof.ts). */
  proof?: string;
}

/** An outbox entry as version 1 of the database stored it: with its own before-images. */
export interface OutboxEntryV1 extends OutboxEntry {
  before?: BeforeImage[];
}
