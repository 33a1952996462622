import type { Accessor } from 'solid-js';
import type { FloorboardDB, OutboxEntry } from '../db';
import { createLive } from './live';

/** Changes made on this device that the server has not confirmed yet, oldest first. */
export function useOutbox(db: Accessor<FloorboardDB | undefined>): Accessor<OutboxEntry[]> {
  return createLive(db, (d) => d.outbox.orderBy('id').toArray(), [] as OutboxEntry[]);
}
