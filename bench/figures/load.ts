import { STATIONS } from '../../server/seed/plant';
import { enrollNodeDevice, pullOperationIds, pushBody, type NodeDevice } from '../lib/device';
import { HttpConnection } from '../lib/http-conn';
import { percentile } from '../lib/stats';
import type { BenchServer } from '../lib/server';

export const TABLETS = 50;
/** An operator of each station in the demo roster (server/seed/people.ts). */
const ACTOR: Record<string, string> = {
  'st-mill-1': 'u-op-nguyen', 'st-lathe-1': 'u-op-kowalski', 'st-5axis-1': 'u-op-okafor', 'st-laser-1': 'u-op-garcia',
  'st-brake-1': 'u-op-yamamoto', 'st-weld-1': 'u-op-brennan', 'st-assembly-1': 'u-op-haddad', 'st-test-1': 'u-op-lindqvist',
};

interface Tablet extends NodeDevice {
  actorId: string;
  ops: string[];
  next: number;
}

export interface LoadRun {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
}

/** 50 devices, one per tablet, spread over the eight stations; enrolled once per server. */
export async function enrollTablets(srv: BenchServer): Promise<Tablet[]> {
  const opsByStation = new Map<string, string[]>();
  const tablets: Tablet[] = [];
  for (let i = 0; i < TABLETS; i++) {
    const stationId = STATIONS[i % STATIONS.length]!.id;
    const dev = await enrollNodeDevice(srv, `bench-load-${i}`, stationId);
    if (!opsByStation.has(stationId)) opsByStation.set(stationId, await pullOperationIds(srv, dev));
    tablets.push({ ...dev, actorId: ACTOR[stationId]!, ops: opsByStation.get(stationId)!, next: 1 });
  }
  return tablets;
}

/**
 * Closed loop: each worker sends its next request as soon as the last one answered, for
 * `durationMs` (and at most `maxPerWorker` requests). `counted` says how many units a response
 * is worth (applied mutations for a push, 1 for health).
 */
async function closedLoop(
  workers: number,
  durationMs: number,
  maxPerWorker: number,
  one: (w: number) => Promise<number>,
): Promise<LoadRun> {
  const latencies: number[] = [];
  let count = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < maxPerWorker && performance.now() < end; i++) {
        const s = performance.now();
        try {
          // Not `count += await …`: that reads count before the await and loses the others' adds.
          const n = await one(w);
          count += n;
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const wall = performance.now() - t0;
  return { perSecond: (count / wall) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count, errors };
}

/** One keep-alive connection per tablet (lean, see http-conn.ts), closed when `fn` is done. */
async function withConnections<T>(srv: BenchServer, fn: (conns: HttpConnection[]) => Promise<T>): Promise<T> {
  const conns = Array.from({ length: TABLETS }, () => HttpConnection.to(srv.url));
  try {
    return await fn(conns);
  } finally {
    for (const c of conns) c.close();
  }
}

/** Figure 4: 50 tablets push one mutation per push (reportQuantity and addNote, alternating). */
export function pushLoad(srv: BenchServer, tablets: Tablet[], durationMs: number): Promise<LoadRun> {
  const at = () => new Date().toISOString();
  return withConnections(srv, (conns) =>
    closedLoop(TABLETS, durationMs, 2_000, async (w) => {
      const t = tablets[w]!;
      const id = t.next;
      const args =
        id % 2
          ? { id: `load-${t.deviceId}-${id}`, operationId: t.ops[(w * 37 + id) % t.ops.length], good: 1, scrap: 0 }
          : { id: `load-note-${t.deviceId}-${id}`, stationId: t.stationId, text: `Shift note ${id}: all good at ${t.stationId}.` };
      const m = { id, name: id % 2 ? 'reportQuantity' : 'addNote', args, actorId: t.actorId, at: at() };
      const headers = `Content-Type: application/json\r\nAuthorization: Bearer ${t.token}\r\n`;
      const res = await conns[w]!.request('POST', '/api/sync/push', headers, pushBody(t.clientId, [m]));
      if (res.status !== 200) throw new Error(`push ${res.status} ${res.body}`);
      t.next++;
      const out = JSON.parse(res.body) as { results: { outcome: string }[] };
      return out.results.filter((r) => r.outcome === 'applied').length;
    }),
  );
}

/** The floor: a bare Hono endpoint (GET /api/health) under the same 50-way closed loop. */
export function healthLoad(srv: BenchServer, durationMs: number): Promise<LoadRun> {
  return withConnections(srv, (conns) =>
    closedLoop(TABLETS, durationMs, 100_000, async (w) => {
      const res = await conns[w]!.request('GET', '/api/health', '');
      if (res.status !== 200) throw new Error(`health ${res.status}`);
      return 1;
    }),
  );
}
