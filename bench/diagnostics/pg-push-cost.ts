// Diagnostic, not part of `npm run bench`: what a pushed mutation costs on the PostgreSQL store,
// in-process (createApp + app.request) on a durable embedded PostgreSQL (as figure 4b's).
//   npx tsx bench/diagnostics/pg-push-cost.ts [mutations=2000] [--tablets 50] [--work-orders 400]
// `tablets` push one mutation a push in a closed loop (reportQuantity and addNote alternating).
// Reports round trips (pg queries) a mutation, in and out of transactions, mutations a
// transaction, and CPU of this process a mutation: round trips do not move with a busy machine.
import pg from 'pg';
import { createApp } from '../../server/app';
import { createDevice, enrollDevice } from '../../server/auth/devices';
import { STATIONS } from '../../server/seed/plant';
import { createPostgresStore } from '../../server/store/postgres';
import { systemClock } from '../../shared/domain/clock';
import { createTestDatabase, startTestPostgres } from '../../test/support/postgres';
import { seedStore } from '../lib/plant';

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

interface Pusher {
  token: string;
  station: string;
  actor: string;
  ops: string[];
  next: number;
  clientId: string;
}

let queries = 0;
let begins = 0;
const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const rawQuery = proto.query;
proto.query = function (this: unknown, ...a: unknown[]) {
  queries++;
  const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string } | undefined)?.text;
  if (text && /^\s*BEGIN/i.test(text)) begins++;
  return rawQuery.apply(this, a);
};

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string, d: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const n = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 2000);
  const tablets = opt('--tablets', 50);
  const server = await startTestPostgres({ durable: true });
  const db = await createTestDatabase(server.url);
  const store = await createPostgresStore({ url: db.url });
  try {
    await seedStore(store, opt('--work-orders', 400), 'bench-pg-push-cost');
    const app = createApp({ store, clock: systemClock });
    const all = await store.pull({ after: 0, upTo: Number.MAX_SAFE_INTEGER, scopes: 'all', limit: 10_000_000 });
    const opsAt = (s: string) => all.filter((r) => r.entity === 'operations' && r.value.includes(`"stationId":"${s}"`)).map((r) => r.id);
    const pushers: Pusher[] = [];
    for (let i = 0; i < tablets; i++) {
      const station = STATIONS[i % STATIONS.length]!.id;
      const dev = await createDevice(store, systemClock, `cost-${i}`, [station]);
      const { token } = await enrollDevice(store, systemClock, dev.enrollmentCode, `cost-${i}`);
      pushers.push({ token, station, actor: ACTOR[station]!, ops: opsAt(station), next: 1, clientId: `cost-client-${i}` });
    }
    const at = new Date().toISOString();
    const pushOne = async (p: Pusher) => {
      const id = p.next++;
      const m =
        id % 2
          ? { id, name: 'reportQuantity', actorId: p.actor, at, args: { id: `${p.clientId}-${id}`, operationId: p.ops[id % p.ops.length], good: 1, scrap: 0 } }
          : { id, name: 'addNote', actorId: p.actor, at, args: { id: `${p.clientId}-${id}`, stationId: p.station, text: `note ${id}` } };
      const res = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify({ protocol: 1, clientId: p.clientId, mutations: [m] }),
      });
      if (!res.ok) throw new Error(`push ${res.status} ${await res.text()}`);
    };
    const loop = async (total: number) => {
      let left = total;
      await Promise.all(
        pushers.map(async (p) => {
          while (left-- > 0) await pushOne(p);
        }),
      );
    };
    await loop(Math.min(n, 500)); // warm-up: JIT, prepared statements on each connection
    queries = 0;
    begins = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await loop(n);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    console.log(
      `${n} mutations, ${tablets} tablets, one a push: wall ${wall.toFixed(0)} ms (${((n / wall) * 1000).toFixed(0)}/s), ` +
        `CPU ${((cpu.user + cpu.system) / n).toFixed(0)} µs a mutation (this process; PostgreSQL's not counted)\n` +
        `  ${(queries / n).toFixed(2)} round trips a mutation; ${begins} transactions, ${(n / Math.max(1, begins)).toFixed(1)} mutations a transaction`,
    );
  } finally {
    await store.close();
    await db.drop();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
