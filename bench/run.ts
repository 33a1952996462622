// `npm run bench`: the four figures of docs/bench.md, each the median of several runs with its
// floor measured in the same run. Options: --runs N (default 3), --work-orders N (10000),
// --only 1,2,3,4, --seconds S (length of one load run, default 5), --help. Profiling tools are
// apart, in bench/diagnostics/.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { flushRun, FLUSH_MUTATIONS, FLUSH_STATION, type FlushRun } from './figures/flush';
import { initialSyncRun, type SyncRun } from './figures/initial-sync';
import { enrollTablets, healthLoad, pushLoad, TABLETS, type LoadRun } from './figures/load';
import { bundleEntry } from './lib/browser';
import { countOperations, seedPlant } from './lib/plant';
import { ADMIN_PASSWORD, startBenchServer } from './lib/server';
import { median, ms } from './lib/stats';

const SYNC_STATION = 'st-assembly-1';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'work-orders': { type: 'string', default: '10000' },
    only: { type: 'string', default: '1,2,3,4' },
    seconds: { type: 'string', default: '5' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(`npm run bench [-- --runs N] [--work-orders N] [--only 1,2,3,4] [--seconds S]
  prints the figures of docs/bench.md (median of N runs, floor, ratio, target);
  profiling tools: bench/diagnostics/README.md`);
  process.exit(0);
}
const RUNS = Math.max(1, Math.min(15, Number(opt.runs)));
const WORK_ORDERS = Number(opt['work-orders']);
const ONLY = new Set(opt.only!.split(',').map((s) => s.trim()));
const LOAD_MS = Math.max(1, Math.min(60, Number(opt.seconds))) * 1000;

/** The commit measured, and whether server/, app/ or shared/ had uncommitted changes. */
function codeState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'app', 'shared'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in ${dirty.split('\n').length} files of server/app/shared` : head;
  } catch {
    return 'unknown';
  }
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  met: string;
  notes: string[];
}

const pick = <T, K extends keyof T>(runs: T[], k: K) => runs.map((r) => r[k] as unknown as number);

async function main() {
  log(`bench: ${RUNS} runs a figure, ${WORK_ORDERS} work orders; load average at start ${load()}`);
  log(`code: ${codeState()}`);
  const busyAtStart = loadavg()[0]! > 1.5;
  if (busyAtStart) log('WARNING: the machine is busy (2 cores); figures will be inflated and noisy. Check `ps`.');
  const plant = await seedPlant(WORK_ORDERS, ADMIN_PASSWORD);
  log(`seeded ${plant.workOrders} work orders, ${plant.operations} operations in ${ms(plant.seedMs)}`);
  await bundleEntry();
  const rows: Row[] = [];

  try {
    if (ONLY.has('1') || ONLY.has('2')) {
      const srv = await startBenchServer(plant);
      try {
        for (const [fig, station] of [['1', undefined], ['2', SYNC_STATION]] as const) {
          if (!ONLY.has(fig)) continue;
          const expect = await countOperations(plant, station);
          const runs: SyncRun[] = [];
          for (let i = 0; i < RUNS; i++) {
            const r = await initialSyncRun(srv, { station, expectOperations: expect, floorFirst: i % 2 === 1 });
            log(`  fig ${fig} run ${i + 1}: sync ${ms(r.syncMs)}, floor ${ms(r.floorMs)} (indexed ${ms(r.floorIndexedMs)}), ${r.records} records`);
            runs.push(r);
          }
          const ratio = median(runs.map((r) => r.syncMs / r.floorMs));
          const r0 = runs[0]!;
          rows.push({
            figure: fig === '1'
              ? `1. initial sync, whole plant (console): ${r0.records} records, ${expect} operations`
              : `2. initial sync, one station tablet (${station}): ${r0.records} records, ${expect} operations`,
            value: ms(median(pick(runs, 'syncMs'))),
            floor: ms(median(pick(runs, 'floorMs'))),
            ratio: `${ratio.toFixed(2)}×`,
            target: fig === '1' ? '≤ 2× floor' : '≤ 2× floor (as 1)',
            met: ratio <= 2 ? 'yes' : 'NO',
            notes: [
              `floor = one IndexedDB readwrite transaction of put()s, one plain object store per entity (keyPath id, no indexes), records in memory`,
              `same write with the app's secondary indexes: ${ms(median(pick(runs, 'floorIndexedMs')))}`,
              `of the sync: ${median(pick(runs, 'pulls'))} pull requests, ${ms(median(pick(runs, 'pullNetMs')))} on the network ` +
                `(${ms(median(pick(runs, 'pullWaitMs')))} waiting for the server), ${(median(pick(runs, 'bytes')) / 1e6).toFixed(1)} MB; ` +
                `JSON.parse of the same pages ${ms(median(pick(runs, 'parseMs')))}`,
              `client time outside requests (parse + Dexie write of the pages): ` +
                `${ms(median(pick(runs, 'gapsMs')))} between/before requests + ${ms(median(pick(runs, 'tailMs')))} after the last`,
            ],
          });
        }
      } finally {
        await srv.dispose();
      }
    }

    if (ONLY.has('3')) {
      const runs: FlushRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const srv = await startBenchServer(plant);
        try {
          const r = await flushRun(srv);
          log(`  fig 3 run ${i + 1}: flush ${ms(r.flushMs)} (push ${ms(r.pushNetMs)}, server ${ms(r.pushWaitMs)}; pull ${ms(r.pullNetMs)}), raw push ${ms(r.floorMs)}`);
          runs.push(r);
        } finally {
          await srv.dispose();
        }
      }
      const value = median(pick(runs, 'flushMs'));
      rows.push({
        figure: `3. flush ${FLUSH_MUTATIONS} offline mutations (${SYNC_STATION} tablet), reconnect → outbox empty + state pulled`,
        value: ms(value),
        floor: ms(median(pick(runs, 'floorMs'))),
        ratio: `${median(runs.map((r) => r.flushMs / r.floorMs)).toFixed(2)}×`,
        target: '< 1.5 s',
        met: value < 1500 ? 'yes' : 'NO',
        notes: [
          `mutations: start + reportQuantity + addNote + complete on each of ${FLUSH_MUTATIONS / 4} operations`,
          `floor = raw push: the same ${FLUSH_MUTATIONS} kinds of mutations (other operations, own clientId) in batches of 500 with bare fetch; no pull, no Dexie`,
          `of the flush: ${median(pick(runs, 'pushes'))} pushes ${ms(median(pick(runs, 'pushNetMs')))}, ` +
            `${median(pick(runs, 'pulls'))} pull ${ms(median(pick(runs, 'pullNetMs')))}; client: online → first push ${ms(median(pick(runs, 'leadMs')))}, ` +
            `between requests ${ms(median(pick(runs, 'gapsMs')))}, last response → outbox empty ${ms(median(pick(runs, 'tailMs')))} ` +
            `(pull write + rebase; restoring all ${median(pick(runs, 'images'))} before-images of the outbox ` +
            `with app/db's restoreImages takes ${ms(median(pick(runs, 'revertMs')))} alone, measured offline and rolled back)`,
        ],
      });
    }

    if (ONLY.has('4')) {
      const srv = await startBenchServer(plant);
      try {
        const tablets = await enrollTablets(srv);
        await pushLoad(srv, tablets, 1_000); // warm-up: JIT, statement paths, connections
        const push: LoadRun[] = [];
        const health: LoadRun[] = [];
        for (let i = 0; i < RUNS; i++) {
          const order = i % 2 ? ['push', 'health'] : ['health', 'push'];
          for (const k of order) {
            if (k === 'push') push.push(await pushLoad(srv, tablets, LOAD_MS));
            else health.push(await healthLoad(srv, LOAD_MS));
          }
          log(`  fig 4 run ${i + 1}: ${push[i]!.perSecond.toFixed(0)} applied/s p50 ${ms(push[i]!.p50)} p99 ${ms(push[i]!.p99)}; ` +
            `health ${health[i]!.perSecond.toFixed(0)} req/s p99 ${ms(health[i]!.p99)}`);
        }
        const rate = median(pick(push, 'perSecond'));
        const p50 = median(pick(push, 'p50'));
        const p99 = median(pick(push, 'p99'));
        const floorRate = median(pick(health, 'perSecond'));
        rows.push({
          figure: `4a. server: applied mutations/s, ${TABLETS} tablets pushing concurrently, 1 mutation a push`,
          value: `${rate.toFixed(0)}/s`,
          floor: `${floorRate.toFixed(0)} req/s`,
          ratio: `${(rate / floorRate).toFixed(2)}×`,
          target: '≥ 2000/s',
          met: rate >= 2000 ? 'yes' : 'NO',
          notes: [
            `closed loop, ${LOAD_MS / 1000} s a run, each tablet its own device, token and clientId; reportQuantity and addNote alternating; errors ${push.reduce((n, r) => n + r.errors, 0)}`,
            `floor = GET /api/health (bare Hono route) under the same 50-way closed loop: p50 ${ms(median(pick(health, 'p50')))}, p99 ${ms(median(pick(health, 'p99')))}`,
          ],
        });
        rows.push({
          figure: '4b. server: push latency p50 / p99 under that load',
          value: `${ms(p50)} / ${ms(p99)}`,
          floor: `${ms(median(pick(health, 'p50')))} / ${ms(median(pick(health, 'p99')))}`,
          ratio: '',
          target: 'p99 < 50 ms',
          met: p99 < 50 ? 'yes' : 'NO',
          notes: ['latency measured by the Node load generator: request sent → response read, loopback'],
        });
      } finally {
        await srv.dispose();
      }
    }
  } finally {
    rmSync(plant.dir, { recursive: true, force: true });
  }

  const head = ['figure', `median of ${RUNS}`, 'floor (median)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [r.figure, r.value, r.floor, r.ratio, r.target, r.met]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log('');
  for (const r of rows) console.log(`${r.figure.split(' ')[0]} ${r.notes.join('\n   ')}`);
  console.log(`\ncode: ${codeState()}; load average at end: ${load()} (2 cores; compare figures only from quiet runs)`);
  if (busyAtStart || loadavg()[0]! > 2.5) console.log('WARNING: other work ran on the machine during this run: absolute figures are inflated.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
