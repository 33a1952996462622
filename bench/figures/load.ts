import { DEMO_USERS } from '../../server/seed/people';
import { STATIONS } from '../../server/seed/plant';
import { enrollNodeDevice, pullOperationIds, pushBody, type NodeDevice } from '../lib/device';
import { HttpConnection } from '../lib/http-conn';
import { percentile } from '../lib/stats';
import type { BenchServer } from '../lib/server';

export const TABLETS = 50;
/** An operator of each station in the demo roster (server/seed/people.ts). */
const ACTOR: Record<string, string> = {
  'st-mill-1': 'u-op-nguyen',
  'st-lathe-1': 'u-op-kowalski',
  'st-5axis-1': 'u-op-okafor',
  'st-laser-1': 'u-op-garcia',
  'st-brake-1': 'u-op-yamamoto',
  'st-weld-1': 'u-op-brennan',
  'st-assembly-1': 'u-op-haddad',
  'st-test-1': 'u-op-lindqvist',
};
// Operators push without a PIN proof (A2 asks it only above operator), so no HMAC is computed per
// mutation: the figures measure the push an operator's tablet makes, all day long.
for (const id of Object.values(ACTOR)) {
  if (DEMO_USERS.find((u) => u.id === id)?.role !== 'operator') throw new Error(`bench actor ${id} is not an operator`);
}

export interface Tablet extends NodeDevice {
  actorId: string;
  ops: string[];
  next: number;
  /** The instance this tablet talks to (a sticky balancer's choice: tablet i → instance i mod n). */
  url: string;
}

export interface LoadRun {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
  /** 429 `rate-limited` answers: the per-device budget (server/sync/rate-limit.ts) cut in. */
  rateLimited: number;
}

/** One finished push, for figures that follow it further (the poke latency of figure 5). */
export interface PushSample {
  stationId: string;
  recordId: string;
  sentAt: number;
  answeredAt: number;
}

/** `count` devices (50 by default), spread over the eight stations and over the server's instances; enrolled once. */
export async function enrollTablets(srv: BenchServer, count = TABLETS, prefix = 'bench-load'): Promise<Tablet[]> {
  const opsByStation = new Map<string, string[]>();
  const tablets: Tablet[] = [];
  for (let i = 0; i < count; i++) {
    const stationId = STATIONS[i % STATIONS.length]!.id;
    const dev = await enrollNodeDevice(srv, `${prefix}-${i}`, stationId);
    if (!opsByStation.has(stationId)) opsByStation.set(stationId, await pullOperationIds(srv, dev));
    tablets.push({ ...dev, actorId: ACTOR[stationId]!, ops: opsByStation.get(stationId)!, next: 1, url: srv.urls[i % srv.urls.length]! });
  }
  return tablets;
}

/** A 429 `rate-limited` answer, counted apart from errors. */
export class RateLimited extends Error {}

/**
 * Closed loop: each worker sends its next request as soon as the last one answered, for
 * `durationMs` (and at most `maxPerWorker` requests). `one` says how many units a response is
 * worth (applied mutations for a push, 1 for health).
 */
async function closedLoop(workers: number, durationMs: number, maxPerWorker: number, one: (w: number) => Promise<number>): Promise<LoadRun> {
  const latencies: number[] = [];
  let count = 0;
  let errors = 0;
  let rateLimited = 0;
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
        } catch (e) {
          if (e instanceof RateLimited) rateLimited++;
          else errors++;
        }
      }
    }),
  );
  const wall = performance.now() - t0;
  return { perSecond: (count / wall) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count, errors, rateLimited };
}

/** One keep-alive connection per tablet to its instance (lean, see http-conn.ts), closed when `fn` is done. */
async function withConnections<T>(urls: string[], fn: (conns: HttpConnection[]) => Promise<T>): Promise<T> {
  const conns = urls.map((u) => HttpConnection.to(u));
  try {
    return await fn(conns);
  } finally {
    for (const c of conns) c.close();
  }
}

/**
 * One push of one mutation from tablet `t` on its connection (reportQuantity and addNote
 * alternating, or only addNote with `notesOnly`): how many were applied, and when.
 */
export async function pushOne(conn: HttpConnection, t: Tablet, w: number, notesOnly = false): Promise<{ applied: number; sample: PushSample }> {
  const id = t.next;
  const quantity = !notesOnly && id % 2 === 1;
  const recordId = quantity ? `load-${t.deviceId}-${id}` : `load-note-${t.deviceId}-${id}`;
  const args = quantity
    ? { id: recordId, operationId: t.ops[(w * 37 + id) % t.ops.length], good: 1, scrap: 0 }
    : { id: recordId, stationId: t.stationId, text: `Shift note ${id}: all good at ${t.stationId}.` };
  const m = { id, name: quantity ? 'reportQuantity' : 'addNote', args, actorId: t.actorId, at: new Date().toISOString() };
  const headers = `Content-Type: application/json\r\nAuthorization: Bearer ${t.token}\r\n`;
  const sentAt = performance.now();
  const res = await conn.request('POST', '/api/sync/push', headers, pushBody(t.clientId, [m]));
  const answeredAt = performance.now();
  if (res.status === 429) throw new RateLimited(res.body);
  if (res.status !== 200) throw new Error(`push ${res.status} ${res.body}`);
  t.next++;
  const out = JSON.parse(res.body) as { results: { outcome: string }[] };
  return { applied: out.results.filter((r) => r.outcome === 'applied').length, sample: { stationId: t.stationId, recordId, sentAt, answeredAt } };
}

/** Figure 4: every tablet pushes one mutation a push in a closed loop; `onPush` hears of every applied push. */
export function pushLoad(tablets: Tablet[], durationMs: number, opts: { notesOnly?: boolean; onPush?: (s: PushSample) => void } = {}): Promise<LoadRun> {
  return withConnections(
    tablets.map((t) => t.url),
    (conns) =>
      closedLoop(tablets.length, durationMs, 20_000, async (w) => {
        const { applied, sample } = await pushOne(conns[w]!, tablets[w]!, w, opts.notesOnly);
        if (applied) opts.onPush?.(sample);
        return applied;
      }),
  );
}

/** The floor: a bare Hono endpoint (GET /api/health) under the same closed loop, the tablets' connections. */
export function healthLoad(tablets: Tablet[], durationMs: number): Promise<LoadRun> {
  return withConnections(
    tablets.map((t) => t.url),
    (conns) =>
      closedLoop(tablets.length, durationMs, 200_000, async (w) => {
        const res = await conns[w]!.request('GET', '/api/health', '');
        if (res.status !== 200) throw new Error(`health ${res.status}`);
        return 1;
      }),
  );
}
