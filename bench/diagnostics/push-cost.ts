// Diagnostic, not part of `npm run bench`: where a pushed mutation's time goes, in-process
// (createApp + app.request, the real SQLite store on a copy of the big plant).
//   npx tsx bench/diagnostics/push-cost.ts [mutations=1000] [--cache] [--sync-off]
// Reports CPU time per applied mutation (less sensitive to a busy machine than wall time), for
// batches of 500 and for one mutation a push, and the SQL statements each mutation runs.
// `--cache` tries the proposed fix: a prepared-statement cache under Kysely's SQLite driver.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../../server/app';
import { createDevice, enrollDevice } from '../../server/auth/devices';
import { createSqliteStore } from '../../server/store/sqlite';
import { systemClock } from '../../shared/domain/clock';
import { copyPlant, seedPlant } from '../lib/plant';

type Stmt = Record<string, (...a: unknown[]) => unknown>;
const proto = Database.prototype as unknown as { prepare: (this: Database.Database, sql: string) => Stmt };
const rawPrepare = proto.prepare;
const sqlStats = new Map<string, { n: number; ms: number }>();
let prepares = 0;
let lastDb: Database.Database | null = null;
let prepareMs = 0;

/** Counts and times every statement (and every prepare) by its SQL text. */
function instrument(cache: boolean) {
  const caches = new WeakMap<object, Map<string, Stmt>>();
  proto.prepare = function (sql: string) {
    lastDb = this;
    let cached = caches.get(this);
    if (!cached) caches.set(this, (cached = new Map()));
    const hit = cache ? cached.get(sql) : undefined;
    if (hit) return hit;
    const t = performance.now();
    const st = rawPrepare.call(this, sql);
    prepareMs += performance.now() - t;
    prepares++;
    const key = sql.replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)').slice(0, 110);
    for (const m of ['all', 'run', 'get']) {
      const f = st[m]!;
      st[m] = function (this: unknown, ...a: unknown[]) {
        const t0 = performance.now();
        try {
          return f.apply(st, a);
        } finally {
          const s = sqlStats.get(key) ?? { n: 0, ms: 0 };
          s.n++;
          s.ms += performance.now() - t0;
          sqlStats.set(key, s);
        }
      };
    }
    if (cache && cached.size < 500) cached.set(sql, st);
    return st;
  };
}

async function main() {
  const args = process.argv.slice(2);
  const cache = args.includes('--cache');
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  instrument(cache);
  const plant = await seedPlant(10_000, 'bench-push-cost');
  const dataDir = copyPlant(plant);
  const store = await createSqliteStore({ file: join(dataDir, 'floorboard.sqlite') });
  // `--sync-off`: what the commits' durability costs (checkpoint fsyncs); an experiment, never a fix.
  if (args.includes('--sync-off')) lastDb!.pragma('synchronous = OFF');
  const app = createApp({ store, clock: systemClock });
  const dev = await createDevice(store, systemClock, 'bench', ['st-assembly-1']);
  const { token } = await enrollDevice(store, systemClock, dev.enrollmentCode, 'bench');
  const all = await store.pull({ after: 0, upTo: Number.MAX_SAFE_INTEGER, scopes: ['st-assembly-1'], limit: 1_000_000 });
  const ops = all.filter((r) => r.entity === 'operations' && r.value.includes('"stationId":"st-assembly-1"')).map((r) => r.id);
  const at = new Date().toISOString();
  const mutation = (id: number, tag: string) =>
    id % 2
      ? { id, name: 'reportQuantity', actorId: 'u-op-haddad', at, args: { id: `${tag}-${id}`, operationId: ops[id % ops.length], good: 1, scrap: 0 } }
      : { id, name: 'addNote', actorId: 'u-op-haddad', at, args: { id: `${tag}-${id}`, stationId: 'st-assembly-1', text: `note ${id}` } };
  const push = async (clientId: string, mutations: unknown[]) => {
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, clientId, mutations }),
    });
    if (!res.ok) throw new Error(`push ${res.status} ${await res.text()}`);
  };

  // Warm-up: JIT and the statement paths.
  for (let i = 1; i <= 200; i++) await push('bench-warmup-client', [mutation(i, 'w')]);

  for (const [label, batch] of [
    ['batches of 500', 500],
    ['one mutation a push', 1],
  ] as const) {
    sqlStats.clear();
    prepares = 0;
    prepareMs = 0;
    const clientId = `bench-cost-${batch}-client`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 1; i <= n; i += batch)
      await push(
        clientId,
        Array.from({ length: Math.min(batch, n - i + 1) }, (_, k) => mutation(i + k, `c${batch}`)),
      );
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const sqlMs = [...sqlStats.values()].reduce((a, s) => a + s.ms, 0);
    const stmts = [...sqlStats.values()].reduce((a, s) => a + s.n, 0);
    console.log(
      `\n${label}${cache ? ' (statement cache)' : ''}${args.includes('--sync-off') ? ' (synchronous=OFF)' : ''}: ${n} mutations, wall ${wall.toFixed(0)} ms (${((n / wall) * 1000).toFixed(0)}/s), ` +
        `CPU ${((cpu.user + cpu.system) / n).toFixed(0)} µs a mutation\n` +
        `  SQLite: ${(stmts / n).toFixed(1)} statements a mutation, executing ${((sqlMs / n) * 1000).toFixed(0)} µs; ` +
        `${(prepares / n).toFixed(1)} prepares a mutation, ${((prepareMs / n) * 1000).toFixed(0)} µs`,
    );
    for (const [k, s] of [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
      console.log(`  ${((s.ms / n) * 1000).toFixed(0).padStart(5)} µs  ${(s.n / n).toFixed(2).padStart(5)}×  ${k}`);
    }
  }
  await store.close();
  for (const dir of [dataDir, plant.dir]) rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
