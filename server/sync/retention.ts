import type { Clock } from '../../shared/domain/clock';
import type { Store } from '../store/types';

const DAY = 86_400_000;

/** D4: how long a deletion stays in the change log, so a tablet offline that long still catches up. */
export const DEFAULT_CHANGELOG_DAYS = 30;
/** How often main.ts purges the change log. */
export const CHANGELOG_PURGE_EVERY_MS = 60 * 60_000;

/**
 * The job that trims the change log (D4): tombstones older than `days` go, and the store's
 * `retainedFrom` moves up so that a pull from an older cursor answers `reset` (S6). A plain
 * function, so that with several instances the one holding the jobs' lease runs it (D3).
 */
export async function purgeChangeLog(store: Store, clock: Clock, days = DEFAULT_CHANGELOG_DAYS): Promise<{ purged: number; retainedFrom: number }> {
  const before = new Date(clock.now() - days * DAY).toISOString();
  return store.transaction((tx) => tx.purgeTombstones(before));
}

/** Reads `FLOORBOARD_CHANGELOG_DAYS` (whole days, 1–3650); returns an error sentence for a bad one. */
export function readChangeLogDays(env: Record<string, string | undefined>): number | { error: string } {
  const raw = env.FLOORBOARD_CHANGELOG_DAYS?.trim();
  if (!raw) return DEFAULT_CHANGELOG_DAYS;
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= 3650)) return { error: `FLOORBOARD_CHANGELOG_DAYS must be whole days between 1 and 3650, not "${raw}"` };
  return days;
}
