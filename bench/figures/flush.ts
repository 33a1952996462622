import { openBenchPage } from '../lib/browser';
import { enrollNodeDevice } from '../lib/device';
import type { BenchServer } from '../lib/server';

export const FLUSH_STATION = 'st-assembly-1';
/** An operator of that station in the demo roster (server/seed/people.ts). */
export const FLUSH_ACTOR = 'u-op-haddad';
export const FLUSH_MUTATIONS = 2_000;
const OFFLINE_MS = 5_000;

export interface FlushRun {
  flushMs: number;
  floorMs: number;
  pushes: number;
  pushNetMs: number;
  /** Of pushNetMs: request sent → first response byte (the server's work + one round trip). */
  pushWaitMs: number;
  pulls: number;
  pullNetMs: number;
  /** Client time: online event → first push, between requests, last response → done. */
  leadMs: number;
  gapsMs: number;
  tailMs: number;
  /** Before-images in the outbox when the network came back. */
  images: number;
  /** Diagnostic, measured offline and rolled back: restoring those before-images alone. */
  revertMs: number;
  completed: number;
  rejections: number;
  floorApplied: number;
  /**
   * What any client must pay on top of the raw push under the protocol (§5): the flush's pull
   * (its network time) and the write of the records it brings back: the same records written with
   * raw IndexedDB put()s in one transaction into the tablet's own database, where they already are
   * (its size and indexes; a fresh empty database, as figures 1 and 2's floor, is faster).
   */
  boundRecords: number;
  boundWriteMs: number;
  /** The same records into a fresh empty database with the app's indexes (for comparison). */
  freshWriteMs: number;
}

/**
 * One run of figure 3 on a fresh server copy: a tablet of one station syncs, goes offline, queues
 * `mutations` (2,000) through client.mutate, comes back online; timed from the `online` event until
 * the outbox is empty and the pass that pulled the server's state back has finished. The floor,
 * afterwards on other operations: the same number of mutations pushed with bare fetch, no pull.
 */
export async function flushRun(srv: BenchServer, mutations = FLUSH_MUTATIONS): Promise<FlushRun> {
  const b = await openBenchPage(srv.url);
  try {
    await b.call('enroll', await srv.enrollmentCode(`bench-flush-${Date.now()}`, [FLUSH_STATION]));
    const started = await b.call('startClient');
    if (started.lastError) throw new Error(`initial sync failed: ${started.lastError}`);
    const ops = await b.call('stationOperations', FLUSH_STATION);
    const perOp = 4;
    const n = Math.ceil(mutations / perOp);
    if (ops.length < 3 * n) throw new Error(`only ${ops.length} pending operations at ${FLUSH_STATION}`);
    const mine = ops.slice(0, n);
    // A server that has been running applies mutations with warm code paths. The first push of
    // this size after the server started is markedly slower than the next ones (docs/bench.md), so
    // the warm-up has the floor's own shape, on operations neither the flush nor the floor uses:
    // otherwise the flush pays the warm-up and the floor, pushed after it, gets it for free. It comes
    // from a device of its own (its own push budget), and the tablet pulls its records before it goes
    // offline, so the flush's pull brings back only what the flush changed.
    const warmer = await enrollNodeDevice(srv, `bench-flush-warm-${Date.now()}`, FLUSH_STATION);
    const warm = await b.call('rawPush', warmer.token, ops.slice(2 * n, 3 * n), FLUSH_STATION, FLUSH_ACTOR, 'warm');
    if (warm.applied !== warm.pushed) throw new Error(`warm-up applied ${warm.applied} of ${warm.pushed}`);
    const synced = await b.call('syncNow');
    if (synced.lastError || synced.pending) throw new Error(`sync after the warm-up failed: ${JSON.stringify(synced)}`);

    const before = await b.call('cursor');
    await b.context.setOffline(true);
    const q = await b.call('queue', mine, FLUSH_STATION, FLUSH_ACTOR);
    if (q.notApplied || q.pending !== n * perOp) throw new Error(`queueing failed: ${JSON.stringify(q)}`);
    // The diagnostic first: its rolled-back transaction keeps IndexedDB busy for a while after,
    // which, right before the reconnect, showed up as ~25 ms more lead time (the first meta read).
    const revert = await b.call('timeRevert');
    // Stay offline a while, as a tablet in a Wi-Fi dead zone would: the debounced attempt fails
    // offline, and the browser finishes its own background work (IndexedDB compaction after the
    // initial sync) instead of competing with the server for the two cores during the flush.
    await b.page.waitForTimeout(OFFLINE_MS);

    const done = b.call('waitFlushed', 180_000);
    await b.context.setOffline(false);
    const flushed = await done;
    const v = await b.call('verifyFlush', mine);
    if (v.outbox || v.completed !== n || v.rejections || v.conflicts) throw new Error(`flush incomplete: ${JSON.stringify(v)}`);

    // The bound: the records the flush's pull brought back (pulled again from the same cursor,
    // with a throwaway clientId, before the raw push adds its own), written raw: into the tablet's
    // own database, where they are (the values the flush wrote), and into a fresh one.
    const pulled = await b.call('loadRecords', await b.call('token'), before);
    const fresh = await b.call('rawWrite', `bench-flush-bound-${Date.now()}`, true);
    const raw = await b.call('rawRewrite');

    const floor = await b.call('rawPush', await b.call('token'), ops.slice(n, 2 * n), FLUSH_STATION, FLUSH_ACTOR);
    if (floor.applied !== n * perOp) throw new Error(`raw push applied ${floor.applied}`);
    return {
      flushMs: flushed.ms,
      floorMs: floor.ms,
      pushes: flushed.net.pushes,
      pushNetMs: flushed.net.pushMs,
      pushWaitMs: flushed.net.pushWaitMs,
      pulls: flushed.net.pulls,
      pullNetMs: flushed.net.pullMs,
      leadMs: flushed.net.firstStart,
      gapsMs: flushed.net.gapsMs,
      tailMs: flushed.ms - flushed.net.lastEnd,
      images: q.images,
      revertMs: revert.ms,
      completed: v.completed,
      rejections: v.rejections,
      floorApplied: floor.applied,
      boundRecords: pulled.count,
      boundWriteMs: raw.ms,
      freshWriteMs: fresh.ms,
    };
  } finally {
    await b.close();
  }
}
