/** Injected time (STYLE habit 4): never read `Date.now` inside domain or server logic. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** How far a device clock may run ahead of the server before an event is flagged (S10). */
export const CLOCK_AHEAD_MS = 5 * 60_000;
/** A device time further back than this is flagged as not trusted (S10). */
export const CLOCK_BEHIND_MS = 7 * 24 * 3_600_000;
/** An event that reached the server this long after it happened counts as synced late. */
export const LATE_SYNC_MS = 2 * 60_000;

/** S10: flags for a device time compared with the server's. `late` is normal for offline work. */
export function timeFlags(deviceAt: string, serverNow: number): string[] {
  const at = Date.parse(deviceAt);
  if (Number.isNaN(at)) return ['clock-invalid'];
  if (at - serverNow > CLOCK_AHEAD_MS) return ['clock-ahead'];
  if (serverNow - at > CLOCK_BEHIND_MS) return ['clock-behind'];
  if (serverNow - at > LATE_SYNC_MS) return ['late'];
  return [];
}
