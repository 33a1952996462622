// `npm run soak -- --minutes 30`: a steady mixed load (paced pushes, periodic pulls, held event
// streams) against the real server process (SQLite) for the given time; every minute the server's
// RSS and heap, push p50/p99 and applied/s; at the end whether memory and latency stayed flat.
// Not part of `npm test` or `npm run bench`. Loopback only; every loop is bounded in time and count.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { STATIONS } from '../server/seed/plant';
import { enrollTablets, pushOne } from './figures/load';
import { enrollNodeDevice, type NodeDevice } from './lib/device';
import { seedPlant } from './lib/plant';
import { ADMIN_PASSWORD, startBenchServer } from './lib/server';
import { HttpConnection } from './lib/http-conn';
import { EventStream } from './lib/sse';
import { ms, percentile } from './lib/stats';
import { flat } from './lib/trend';

const { values: opt } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    'work-orders': { type: 'string', default: '2000' },
    pushers: { type: 'string', default: '20' },
    'push-interval-ms': { type: 'string', default: '100' },
    pullers: { type: 'string', default: '20' },
    'pull-interval-ms': { type: 'string', default: '2000' },
    streams: { type: 'string', default: '50' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(`npm run soak [-- --minutes M] [--work-orders N] [--pushers N] [--push-interval-ms T] [--pullers N] [--pull-interval-ms T] [--streams N]
  steady mixed load on a real server; prints its memory and the push latency every minute, and the trend at the end`);
  process.exit(0);
}
const num = (k: keyof typeof opt, lo: number, hi: number) => Math.max(lo, Math.min(hi, Number(opt[k])));
const MINUTES = num('minutes', 1, 24 * 60);
const PUSHERS = num('pushers', 1, 200);
const PUSH_EVERY = num('push-interval-ms', 10, 60_000);
const PULLERS = num('pullers', 0, 200);
const PULL_EVERY = num('pull-interval-ms', 100, 60_000);
const STREAMS = num('streams', 0, 500);
const WINDOW_MS = 10_000;
const verdict = (t: { flat: boolean; change: number }) => (t.flat ? 'flat' : t.change > 0 ? 'GROWING' : 'FALLING');
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t)));

interface Window {
  minute: number;
  rss: number;
  heapUsed: number;
  latencies: number[];
  applied: number;
  pulls: number;
  errors: number;
}

async function main() {
  const plant = await seedPlant(Number(opt['work-orders']), ADMIN_PASSWORD);
  const memDir = mkdtempSync(join(tmpdir(), 'floorboard-soak-'));
  const memFile = join(memDir, 'mem.json');
  const srv = await startBenchServer(plant, { NODE_OPTIONS: `--import=${join(import.meta.dirname, 'lib', 'mem-report.mjs')}`, BENCH_MEM_FILE: memFile });
  const streams: EventStream[] = [];
  let stop = false;
  process.once('SIGINT', () => (stop = true));
  try {
    log(`soak: ${MINUTES} min on ${srv.url}; ${PUSHERS} pushers every ${PUSH_EVERY} ms, ${PULLERS} pullers every ${PULL_EVERY} ms, ${STREAMS} streams`);
    const pushers = await enrollTablets(srv, PUSHERS, 'soak-push');
    const pullers: NodeDevice[] = [];
    for (let i = 0; i < PULLERS; i++) pullers.push(await enrollNodeDevice(srv, `soak-pull-${i}`, STATIONS[i % STATIONS.length]!.id));
    for (let i = 0; i < STREAMS; i++) {
      const dev = await enrollNodeDevice(srv, `soak-stream-${i}`, STATIONS[i % STATIONS.length]!.id);
      streams.push(await EventStream.open(srv.url, dev.token, 0));
    }

    const t0 = performance.now();
    const end = t0 + MINUTES * 60_000;
    const windows: Window[] = [];
    let cur: Window = { minute: 0, rss: 0, heapUsed: 0, latencies: [], applied: 0, pulls: 0, errors: 0 };
    const done = () => stop || performance.now() >= end;

    // Pushers: each its own paced loop (one push per interval; a slow push delays only its own next one).
    const pushing = Promise.all(
      pushers.map(async (t, w) => {
        const conn = HttpConnection.to(t.url);
        try {
          for (let i = 0; i < (MINUTES * 60_000) / PUSH_EVERY + 1 && !done(); i++) {
            await sleep(t0 + i * PUSH_EVERY + (w * PUSH_EVERY) / PUSHERS - performance.now());
            try {
              const { applied, sample } = await pushOne(conn, t, w);
              cur.applied += applied;
              cur.latencies.push(sample.answeredAt - sample.sentAt);
            } catch {
              cur.errors++;
            }
          }
        } finally {
          conn.close();
        }
      }),
    );
    // Pullers: each pulls what is new since its own cursor, as a tablet does after a poke.
    const pulling = Promise.all(
      pullers.map(async (d, k) => {
        let cursor = 0;
        for (let i = 0; i < (MINUTES * 60_000) / PULL_EVERY + 1 && !done(); i++) {
          await sleep(t0 + i * PULL_EVERY + (k * PULL_EVERY) / Math.max(1, PULLERS) - performance.now());
          try {
            for (let page = 0; page < 100; page++) {
              const res = await fetch(`${srv.url}/api/sync/pull?clientId=soak-pull-${d.deviceId}&cursor=${cursor}`, {
                headers: { authorization: `Bearer ${d.token}` },
              });
              if (!res.ok) throw new Error(`pull ${res.status}`);
              const body = (await res.json()) as { cursor: number; more: boolean };
              cursor = body.cursor;
              if (!body.more) break;
            }
            cur.pulls++;
          } catch {
            cur.errors++;
          }
        }
      }),
    );
    // The reporter: a window every 10 s, a line every minute.
    const reporting = (async () => {
      console.log('| min | server RSS | heap used | push p50 | push p99 | applied/s | pulls/s | pokes seen (total) | errors |');
      console.log('|---|---|---|---|---|---|---|---|---|');
      for (let w = 1; w <= (MINUTES * 60_000) / WINDOW_MS && !stop; w++) {
        await sleep(t0 + w * WINDOW_MS - performance.now());
        const mem = JSON.parse(readFileSync(memFile, 'utf8')) as { rss: number; heapUsed: number };
        const closed = cur;
        cur = { minute: 0, rss: 0, heapUsed: 0, latencies: [], applied: 0, pulls: 0, errors: 0 };
        windows.push({ ...closed, minute: (w * WINDOW_MS) / 60_000, rss: mem.rss / 2 ** 20, heapUsed: mem.heapUsed / 2 ** 20 });
        if ((w * WINDOW_MS) % 60_000 === 0) {
          const last = windows.slice(-6);
          const lat = last.flatMap((x) => x.latencies);
          const sum = (f: (x: Window) => number) => last.reduce((n, x) => n + f(x), 0);
          const at = last[last.length - 1]!;
          console.log(
            `| ${at.minute} | ${at.rss.toFixed(0)} MB | ${at.heapUsed.toFixed(0)} MB | ${ms(percentile(lat, 50))} | ${ms(percentile(lat, 99))} | ` +
              `${(sum((x) => x.applied) / 60).toFixed(0)} | ${(sum((x) => x.pulls) / 60).toFixed(1)} | ${streams.reduce((n, s) => n + s.seen, 0)} | ${sum((x) => x.errors)} |`,
          );
        }
      }
    })();
    await Promise.all([pushing, pulling, reporting]);

    // The trend, leaving the first minute out as warm-up when there are more than two.
    const from = (MINUTES > 2 ? windows.filter((w) => w.minute > 1) : windows.slice(1)).filter((w) => w.latencies.length > 0);
    const xs = from.map((w) => w.minute);
    const rss = flat(
      xs,
      from.map((w) => w.rss),
      0.1,
      10,
    );
    const heap = flat(
      xs,
      from.map((w) => w.heapUsed),
      0.1,
      5,
    );
    const p99s = from.map((w) => percentile(w.latencies, 99));
    const p99 = flat(xs, p99s, 0.25, 10);
    const closed = streams.reduce((n, s) => n + s.closedEvents, 0);
    console.log(`\ntrend over minutes ${xs[0]?.toFixed(1)}–${xs[xs.length - 1]?.toFixed(1)} (least squares over ${from.length} 10-s windows):`);
    console.log(
      `  server RSS  ${rss.perMinute >= 0 ? '+' : ''}${rss.perMinute.toFixed(2)} MB/min (${rss.change.toFixed(1)} MB over the span): ${verdict(rss)} (flat: ≤ 10% of the mean or 10 MB)`,
    );
    console.log(
      `  heap used   ${heap.perMinute >= 0 ? '+' : ''}${heap.perMinute.toFixed(2)} MB/min (${heap.change.toFixed(1)} MB): ${verdict(heap)} (flat: ≤ 10% of the mean or 5 MB)`,
    );
    console.log(
      `  push p99    ${p99.perMinute >= 0 ? '+' : ''}${p99.perMinute.toFixed(2)} ms/min (${p99.change.toFixed(1)} ms): ${verdict(p99)} (flat: ≤ 25% of the mean or 10 ms)`,
    );
    console.log(`  event streams closed by the server: ${closed}; ${windows.reduce((n, w) => n + w.errors, 0)} failed requests`);
    console.log(`verdict: ${rss.flat && heap.flat && p99.flat && closed === 0 ? 'FLAT' : 'NOT FLAT'}`);
  } finally {
    for (const s of streams) s.close();
    await srv.dispose();
    rmSync(memDir, { recursive: true, force: true });
    rmSync(plant.dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
