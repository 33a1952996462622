import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earliestFrom, openStreams, streamRun, type StreamBench } from '../../bench/figures/streams';
import { seedPlant, type SeededPlant } from '../../bench/lib/plant';
import { ADMIN_PASSWORD, startBenchServer, type BenchServer } from '../../bench/lib/server';
import { flat, slope } from '../../bench/lib/trend';

// The benchmark's own arithmetic and its poke matching: a wrong match would print a figure that
// looks fine. Speeds are never asserted here (they are the benchmark's to print).

describe('soak trend', () => {
  it('fits the slope of a line and calls a series flat only within its bounds', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2);
    expect(slope([1], [5])).toBe(0);
    // +2 MB a minute over 10 minutes on a 100 MB mean: 20 MB, more than 10% of the mean.
    const xs = Array.from({ length: 11 }, (_, i) => i);
    expect(
      flat(
        xs,
        xs.map((x) => 90 + 2 * x),
        0.1,
        5,
      ),
    ).toMatchObject({ flat: false, perMinute: 2 });
    expect(
      flat(
        xs,
        xs.map((x) => 100 + (x % 2)),
        0.1,
        5,
      ).flat,
    ).toBe(true);
    // A falling series is not flat either: the verdict is about change, not growth alone.
    expect(
      flat(
        xs,
        xs.map((x) => 100 - 3 * x),
        0.1,
        5,
      ).flat,
    ).toBe(false);
  });
});

describe('poke matching (figure 5)', () => {
  it('finds the first arrival of a poke at or past a cursor, pokes coalesced or out of order', () => {
    const first = earliestFrom([
      { at: 10, cursor: 5 },
      { at: 30, cursor: 9 },
      { at: 20, cursor: 12 }, // arrived before the poke of 9: it announces 9's commit too
    ]);
    expect(first(1)).toBe(10);
    expect(first(5)).toBe(10);
    expect(first(6)).toBe(20);
    expect(first(12)).toBe(20);
    expect(first(13)).toBeUndefined();
  });

  let plant: SeededPlant;
  let srv: BenchServer;
  let sb: StreamBench;
  beforeAll(async () => {
    plant = await seedPlant(20, ADMIN_PASSWORD);
    srv = await startBenchServer(plant);
    sb = await openStreams(srv, 16, 2);
  });
  afterAll(async () => {
    sb?.close();
    await srv?.dispose();
    rmSync(plant.dir, { recursive: true, force: true });
  });

  it('matches every applied push to a poke on every stream of its station, on the real server', async () => {
    const r = await streamRun(srv, sb, 1_000);
    expect(r.push.count).toBeGreaterThan(0);
    expect(r.push.errors + r.push.rateLimited).toBe(0);
    // Two streams per station (16 over 8), each push one note: two deliveries a push, none missed.
    expect(r.missed).toBe(0);
    expect(r.closed).toBe(0);
    expect(r.samples).toBe(r.push.count * 2);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
  });
});
