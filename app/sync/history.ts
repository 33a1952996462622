import { consoleCutoff, previousShiftStart, type ZoneOffset } from '../../shared/domain/retention';
import { pruneReplica, type FloorboardDB } from '../db';
import { RECENTLY_COMPLETED_MS } from '../queries/queue';
import type { SyncAuth } from './types';

/** How often the replica is pruned at most, besides after a pull from cursor 0 and at start. */
export const PRUNE_EVERY_MS = 15 * 60_000;

/** The replica's history window (D4); `false` keeps everything. */
export interface HistoryOptions {
  /** Days of finished work the console keeps (default 14). */
  consoleDays?: number;
  /** The plant's zone; by default the device's own (a tablet sits in the plant). */
  zoneOffset?: ZoneOffset;
}

const deviceZone: ZoneOffset = (ms) => -new Date(ms).getTimezoneOffset();

/**
 * The instant before which finished work may leave this replica: 14 days back on the console; on a
 * station the start of the previous shift, never less than the queue's recently completed span,
 * and a day when the plant has no shift calendar.
 */
export async function historyCutoff(db: FloorboardDB, auth: SyncAuth, nowMs: number, o: HistoryOptions = {}): Promise<number> {
  if (auth.kind === 'console') return consoleCutoff(nowMs, o.consoleDays);
  const shifts = await db.entity('shifts').toArray();
  const previous = previousShiftStart(shifts, nowMs, o.zoneOffset ?? deviceZone) ?? nowMs - 86_400_000;
  return Math.min(previous, nowMs - RECENTLY_COMPLETED_MS);
}

/**
 * Runs the prune when it is due: at the first pass (start) whatever it met, then after a pull that
 * succeeded: at once when it came from cursor 0 (the server sent the whole scope, history and all),
 * otherwise once every PRUNE_EVERY_MS (records only age into the window's past as time goes by).
 */
export function createPruner(db: FloorboardDB, auth: SyncAuth, now: () => number, o: HistoryOptions | false | undefined) {
  let last: number | null = null;
  return async (pulledFromZero: boolean, pulled: boolean): Promise<void> => {
    if (o === false) return;
    const t = now();
    if (last !== null && (!pulled || (!pulledFromZero && t - last < PRUNE_EVERY_MS))) return;
    last = t;
    try {
      await pruneReplica(db, await historyCutoff(db, auth, t, o ?? {}));
    } catch (err) {
      // A failed prune keeps more than it must; it never costs a sync.
      console.error('[floorboard] pruning the replica failed', err);
    }
  };
}
