// Diagnostic, not part of `npm run bench`: CPU-profiles the real server while it applies pushes.
//   npx tsx bench/diagnostics/profile.ts [mutations=2000] [batch=500] [workOrders=10000]
//   npx tsx bench/diagnostics/profile.ts --load [seconds=5]   (figure 4's 50-tablet load instead)
// Prints the hottest functions (self time) and the time per source file of the server process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrollTablets, pushLoad } from '../figures/load';
import { enrollNodeDevice, pullOperationIds, pushBody } from '../lib/device';
import { seedPlant } from '../lib/plant';
import { ADMIN_PASSWORD, startBenchServer } from '../lib/server';

interface Node_ {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

async function main() {
  const loadMode = process.argv.includes('--load');
  const [n = loadMode ? 5 : 2000, batch = 500, wos = 10_000] = process.argv
    .slice(2)
    .filter((a) => a !== '--load')
    .map(Number);
  const plant = await seedPlant(wos, ADMIN_PASSWORD);
  const profDir = mkdtempSync(join(tmpdir(), 'floorboard-bench-prof-'));
  const srv = await startBenchServer(plant, { NODE_OPTIONS: `--import=${join(import.meta.dirname, 'cpu-prof.mjs')}`, BENCH_CPU_PROF_DIR: profDir });
  let t = 0;
  try {
    if (loadMode) {
      const tablets = await enrollTablets(srv);
      await pushLoad(tablets, 1_000);
      await startProfiling();
      const r = await pushLoad(tablets, n * 1000);
      console.log(`50 tablets, ${n} s: ${r.perSecond.toFixed(0)} applied/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
    } else await pushBatches();
  } finally {
    await srv.dispose();
    rmSync(plant.dir, { recursive: true, force: true });
  }

  /** Profiles only the measured phase: not startup, enrollment or the pulls before it. */
  async function startProfiling() {
    writeFileSync(join(profDir, 'start'), '');
    await new Promise((r) => setTimeout(r, 200));
  }

  async function pushBatches() {
    const dev = await enrollNodeDevice(srv, 'bench-profile', 'st-assembly-1');
    const ops = await pullOperationIds(srv, dev);
    const at = new Date().toISOString();
    const muts = Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      name: 'reportQuantity',
      actorId: 'u-op-haddad',
      at,
      args: { id: `prof-${i}`, operationId: ops[i % ops.length], good: 1, scrap: 0 },
    }));
    await startProfiling();
    const t0 = performance.now();
    for (let i = 0; i < n; i += batch) {
      const res = await fetch(`${srv.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${dev.token}` },
        body: pushBody(dev.clientId, muts.slice(i, i + batch)),
      });
      if (!res.ok) throw new Error(`push ${res.status} ${await res.text()}`);
    }
    t = performance.now() - t0;
  }
  if (!loadMode) console.log(`${n} mutations in batches of ${batch}: ${t.toFixed(0)} ms (${((n / t) * 1000).toFixed(0)}/s)`);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as { nodes: Node_[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  for (const [i, s] of prof.samples.entries()) self.set(s, (self.get(s) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, msSelf] of self) {
    const cf = byId.get(id)!.callFrame;
    const where = cf.url.replace(/^file:\/\/\/work\/main\//, '').replace(/.*node_modules\//, 'nm:');
    const k = `${cf.functionName || '(anon)'}  ${where}:${cf.lineNumber + 1}`;
    fn.set(k, (fn.get(k) ?? 0) + msSelf);
    const f = where.startsWith('nm:')
      ? where
          .split('/')
          .slice(0, where.startsWith('nm:@') ? 2 : 1)
          .join('/')
      : where || cf.functionName;
    files.set(f, (files.get(f) ?? 0) + msSelf);
  }
  const cats = new Map<string, number>();
  for (const [id, msSelf] of self) {
    const { functionName: f, url } = byId.get(id)!.callFrame;
    const c =
      f === '(idle)'
        ? 'idle'
        : f === '(garbage collector)'
          ? 'GC'
          : url.includes('better-sqlite3') || (!url && ['run', 'all', 'get', 'iterate', 'exec', 'prepare'].includes(f))
            ? 'SQLite (better-sqlite3 native: prepare, step, commit)'
            : url.includes('kysely')
              ? 'Kysely (query building, compiling, driver)'
              : url.includes('@hono/node-server') ||
                  url.includes('undici') ||
                  url.includes('node:internal/streams') ||
                  url.includes('webstreams') ||
                  url.includes('node:_http') ||
                  url.includes('node:net') ||
                  url.includes('stream_base') ||
                  ['writev', 'writeUtf8String', 'writeBuffer'].includes(f)
                ? 'HTTP (node http, @hono/node-server, undici Request, streams, socket writes)'
                : url.includes('/hono/')
                  ? 'Hono router/context'
                  : url.includes('zod')
                    ? 'zod'
                    : url.includes('/server/')
                      ? 'server/ code'
                      : url.includes('/shared/')
                        ? 'shared/ code (mutators, schemas)'
                        : url.includes('crypto') || f === 'digest' || f === 'update'
                          ? 'crypto (sha256)'
                          : 'other (microtasks, JSON, V8, node internals)';
    cats.set(c, (cats.get(c) ?? 0) + msSelf);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, v]) => `${v.toFixed(0).padStart(7)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  console.log(
    `\nserver CPU profile: ${total.toFixed(0)} ms sampled\n\nby function (self):\n${top(fn, 25)}\n\nby file (self):\n${top(files, 20)}\n\nby category (self):\n${top(cats, 20)}`,
  );
  rmSync(profDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
