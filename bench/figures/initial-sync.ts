import { openBenchPage } from '../lib/browser';
import { ADMIN_PASSWORD, type BenchServer } from '../lib/server';

export interface SyncRun {
  syncMs: number;
  floorMs: number;
  /** Diagnostic: the same raw write with the app's secondary indexes. */
  floorIndexedMs: number;
  records: number;
  operations: number;
  parseMs: number;
  pulls: number;
  pullNetMs: number;
  pullWaitMs: number;
  bytes: number;
  /** Client time between pull requests and after the last one (parse + Dexie writes). */
  gapsMs: number;
  tailMs: number;
}

/**
 * One run of figure 1 (`station` undefined: the console's whole plant) or figure 2 (a tablet
 * enrolled for one station), in a fresh Chromium profile. The real sync and its floors are
 * measured in the same profile; their order alternates between runs (`floorFirst`).
 */
export async function initialSyncRun(srv: BenchServer, opts: { station?: string; expectOperations: number; floorFirst: boolean }): Promise<SyncRun> {
  const b = await openBenchPage(srv.url);
  try {
    let token: string | undefined;
    if (opts.station) {
      await b.call('enroll', await srv.enrollmentCode(`bench-${opts.station}-${Date.now()}`, [opts.station]));
      token = await b.call('token');
    } else {
      await b.call('signIn', ADMIN_PASSWORD);
    }
    const loaded = await b.call('loadRecords', token);
    const floors = async () => ({
      plain: (await b.call('rawWrite', 'bench-raw-plain', false)).ms,
      indexed: (await b.call('rawWrite', 'bench-raw-indexed', true)).ms,
    });
    const f1 = opts.floorFirst ? await floors() : undefined;
    const sync = await b.call('initialSync', opts.station ? 'device' : 'console');
    const f = f1 ?? (await floors());
    if (sync.status.lastError) throw new Error(`sync failed: ${sync.status.lastError}`);
    if (sync.operations !== opts.expectOperations) {
      throw new Error(`sync not complete: ${sync.operations} operations in Dexie, server has ${opts.expectOperations}`);
    }
    return {
      syncMs: sync.ms,
      floorMs: f.plain,
      floorIndexedMs: f.indexed,
      records: loaded.count,
      operations: sync.operations,
      parseMs: loaded.parseMs,
      pulls: sync.net.pulls,
      pullNetMs: sync.net.pullMs,
      pullWaitMs: sync.net.pullWaitMs,
      bytes: sync.net.bytes,
      gapsMs: sync.net.gapsMs + sync.net.firstStart,
      tailMs: sync.ms - sync.net.lastEnd,
    };
  } finally {
    await b.close();
  }
}
