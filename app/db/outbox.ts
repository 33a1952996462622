import type { EntityName } from '../../shared/schema';

/** A record as it was before an optimistic apply touched it; `null` means it did not exist. */
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
  /** Before-images of what the optimistic apply changed, in first-touch order, for rebase. */
  before: BeforeImage[];
}
