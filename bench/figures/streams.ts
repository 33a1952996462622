import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STATIONS } from '../../server/seed/plant';
import { enrollNodeDevice } from '../lib/device';
import { DB_FILE } from '../lib/plant';
import { EventStream, type PokeSeen } from '../lib/sse';
import { percentile } from '../lib/stats';
import type { BenchServer } from '../lib/server';
import { enrollTablets, pushLoad, type LoadRun, type PushSample, type Tablet } from './load';

export const STREAMS = 200;
/** How long the streams may take, after the load, to deliver the last pokes. */
const DRAIN_MS = 2_000;

interface Holder {
  stationId: string;
  stream: EventStream;
}

export interface StreamRun {
  push: LoadRun;
  /** Commit → poke received, one sample per (push, stream of its station): upper bound, from the push's send. */
  p50: number;
  p99: number;
  samples: number;
  /** (push, stream) pairs whose poke never came within DRAIN_MS after the load. */
  missed: number;
  pokes: number;
  closed: number;
}

export interface StreamBench {
  holders: Holder[];
  pushers: Tablet[];
  close(): void;
}

/** `streams` devices (spread over the stations) each holding an event stream, and `pushers` pushing tablets. */
export async function openStreams(srv: BenchServer, streams = STREAMS, pushers = 50): Promise<StreamBench> {
  const holders: Holder[] = [];
  try {
    for (let i = 0; i < streams; i++) {
      const stationId = STATIONS[i % STATIONS.length]!.id;
      const dev = await enrollNodeDevice(srv, `bench-stream-${i}`, stationId);
      holders.push({ stationId, stream: await EventStream.open(srv.url, dev.token) });
    }
    const tablets = await enrollTablets(srv, pushers, 'bench-stream-pusher');
    return {
      holders,
      pushers: tablets,
      close: () => {
        for (const h of holders) h.stream.close();
      },
    };
  } catch (err) {
    for (const h of holders) h.stream.close();
    throw err;
  }
}

/** The cursor each pushed note was committed at, read from the server's SQLite file. */
function versionsOf(srv: BenchServer, ids: string[]): Map<string, number> {
  const db = new Database(join(srv.dataDir!, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const get = db.prepare("SELECT version FROM records WHERE entity = 'notes' AND id = ?");
    return new Map(ids.map((id) => [id, (get.get(id) as { version: number } | undefined)?.version ?? Infinity]));
  } finally {
    db.close();
  }
}

/** For each cursor threshold, the first arrival of a poke at or past it (pokes may come out of order). */
export function earliestFrom(pokes: PokeSeen[]): (cursor: number) => number | undefined {
  const s = [...pokes].sort((a, b) => a.cursor - b.cursor);
  const min = new Array<number>(s.length);
  for (let i = s.length - 1, m = Infinity; i >= 0; i--) min[i] = m = Math.min(m, s[i]!.at);
  return (cursor) => {
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]!.cursor < cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo < s.length ? min[lo] : undefined;
  };
}

/**
 * Figure 5: while the streams are held, the pushers push notes (one a push) for `durationMs`;
 * each push's commit cursor is read back from the database, and for every stream of its station
 * the first poke at or past that cursor is found. The commit happens between the push's send and
 * its answer, so latency is taken from the send: an upper bound that includes the push's own wait.
 */
export async function streamRun(srv: BenchServer, sb: StreamBench, durationMs: number): Promise<StreamRun> {
  const from = sb.holders.map((h) => h.stream.pokes.length);
  const pushes: PushSample[] = [];
  const push = await pushLoad(sb.pushers, durationMs, { notesOnly: true, onPush: (s) => pushes.push(s) });
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const version = versionsOf(
    srv,
    pushes.map((p) => p.recordId),
  );
  const latencies: number[] = [];
  let missed = 0;
  let pokes = 0;
  const byStation = new Map<string, ((c: number) => number | undefined)[]>();
  sb.holders.forEach((h, i) => {
    const mine = h.stream.pokes.slice(from[i]);
    pokes += mine.length;
    const list = byStation.get(h.stationId) ?? [];
    list.push(earliestFrom(mine));
    byStation.set(h.stationId, list);
  });
  for (const p of pushes) {
    const v = version.get(p.recordId)!;
    for (const first of byStation.get(p.stationId) ?? []) {
      const at = first(v);
      if (at === undefined) missed++;
      else latencies.push(Math.max(0, at - p.sentAt));
    }
  }
  return {
    push,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    samples: latencies.length,
    missed,
    pokes,
    closed: sb.holders.reduce((n, h) => n + h.stream.closedEvents, 0),
  };
}
