import { describe, expect, it } from 'vitest';
import { CLOCK_AHEAD_MS, CLOCK_BEHIND_MS, LATE_SYNC_MS, systemClock, timeFlags } from '../../shared/domain/clock';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('[S10] timeFlags', () => {
  it.each<[string, string, string[]]>([
    ['the same instant', at(0), []],
    ['a second behind (normal latency)', at(-1_000), []],
    ['a little ahead, within tolerance', at(60_000), []],
    ['exactly the tolerance ahead', at(CLOCK_AHEAD_MS), []],
    ['just beyond the tolerance ahead', at(CLOCK_AHEAD_MS + 1), ['clock-ahead']],
    ['a day ahead', at(24 * 3_600_000), ['clock-ahead']],
    ['exactly the late threshold', at(-LATE_SYNC_MS), []],
    ['just past the late threshold', at(-LATE_SYNC_MS - 1), ['late']],
    ['offline for a shift', at(-8 * 3_600_000), ['late']],
    ['exactly a week behind', at(-CLOCK_BEHIND_MS), ['late']],
    ['more than a week behind', at(-CLOCK_BEHIND_MS - 1), ['clock-behind']],
    ['a clock reset to 1970', '1970-01-01T00:00:00.000Z', ['clock-behind']],
    ['a time with an offset, same instant', '2026-11-21T14:00:00.000+02:00', []],
    ['a time with an offset, ten minutes ahead', '2026-11-21T14:10:00+02:00', ['clock-ahead']],
    ['not a time at all', 'yesterday', ['clock-invalid']],
    ['an empty string', '', ['clock-invalid']],
  ])('%s → %j', (_, deviceAt, flags) => {
    expect(timeFlags(deviceAt, NOW)).toEqual(flags);
  });

  it('a clock that runs backwards between two events flags only the one out of range', () => {
    expect([at(-30_000), at(-CLOCK_BEHIND_MS - 60_000), at(-20_000)].map((t) => timeFlags(t, NOW))).toEqual([[], ['clock-behind'], []]);
  });

  it('the thresholds keep their order: late < ahead tolerance < behind', () => {
    expect(LATE_SYNC_MS).toBeLessThan(CLOCK_AHEAD_MS);
    expect(CLOCK_AHEAD_MS).toBeLessThan(CLOCK_BEHIND_MS);
  });

  it('systemClock reads real time', () => {
    const before = Date.now();
    const t = systemClock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
