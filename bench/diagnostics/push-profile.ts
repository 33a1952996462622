// Diagnostic, not part of `npm run bench`: server time of a tablet flushing its outbox, in-process
// (createApp + app.request on a copy of the large plant, no network).
//   npx tsx bench/diagnostics/push-profile.ts [mutations=2000] [batch=500] [--prof] [--runs=3]
//   npx tsx bench/diagnostics/push-profile.ts --load [--prof]   (50 tablets, 1 mutation a push, closed loop, 3 s)
// Per operation of one station: startOperation, reportQuantity, addNote, completeOperation — the
// mix of figure 3. Reports wall ms per mutation and mutations/s for the pushes, then the pull back.
// `--prof` CPU-profiles the pushes (node:inspector) and prints the hottest functions by self time.
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { createDevice, enrollDevice } from '../../server/auth/devices';
import { createSqliteStore } from '../../server/store/sqlite';
import { systemClock } from '../../shared/domain/clock';
import { copyPlant, seedPlant } from '../lib/plant';

const STATION = 'st-assembly-1';
const ACTOR = 'u-op-haddad';

interface ProfNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

async function main() {
  const args = process.argv.slice(2);
  const [n = 2000, batch = 500] = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const prof = args.includes('--prof');
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const plant = await seedPlant(10_000, 'bench-push-profile');
  const results: string[] = [];
  if (args.includes('--load')) return load(plant.dir, prof);
  for (let run = 0; run < runs; run++) {
    const dataDir = copyPlant(plant);
    const store = await createSqliteStore({ file: join(dataDir, 'floorboard.sqlite'), backgroundCheckpoint: !process.env.FB_NO_BG });
    const app = createApp({ store, clock: systemClock });
    const dev = await createDevice(store, systemClock, 'bench', [STATION]);
    const { token } = await enrollDevice(store, systemClock, dev.enrollmentCode, 'bench');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const all = await store.pull({ after: 0, upTo: Number.MAX_SAFE_INTEGER, scopes: [STATION], limit: 1_000_000 });
    const ops = all
      .filter((r) => r.entity === 'operations' && r.value.includes(`"stationId":"${STATION}"`) && r.value.includes('"status":"pending"'))
      .map((r) => r.id);
    const at = new Date().toISOString();
    const mutationsFor = (tag: string, opIds: string[]) =>
      opIds
        .flatMap((operationId, i) => [
          { name: 'startOperation', actorId: ACTOR, at, args: { operationId } },
          { name: 'reportQuantity', actorId: ACTOR, at, args: { id: `${tag}-q-${i}`, operationId, good: 3, scrap: 0 } },
          { name: 'addNote', actorId: ACTOR, at, args: { id: `${tag}-n-${i}`, stationId: STATION, text: `note ${i}` } },
          { name: 'completeOperation', actorId: ACTOR, at, args: { operationId } },
        ])
        .map((m, k) => ({ id: k + 1, ...m }));
    const push = async (clientId: string, mutations: unknown[]) => {
      const res = await app.request('/api/sync/push', { method: 'POST', headers, body: JSON.stringify({ protocol: 1, clientId, mutations }) });
      if (!res.ok) throw new Error(`push ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { results: { outcome: string; code?: string }[] };
      const bad = body.results.filter((r) => r.outcome !== 'applied');
      if (bad.length) throw new Error(`not applied: ${JSON.stringify(bad.slice(0, 3))}`);
    };
    // Warm-up on other operations: JIT and statement paths.
    const perOp = 4;
    const warm = mutationsFor('w', ops.slice(0, 100));
    for (let i = 0; i < warm.length; i += 50) await push('warmup-client', warm.slice(i, i + 50));
    const cursor0 = await store.head();

    const todo = mutationsFor('m', ops.slice(100, 100 + n / perOp));
    if (todo.length !== n) throw new Error(`only ${todo.length} mutations`);
    let session: Session | undefined;
    if (prof && run === runs - 1) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const lat: number[] = [];
    for (let i = 0; i < n; i += batch) {
      const t = performance.now();
      await push('flush-client', todo.slice(i, i + batch));
      lat.push(performance.now() - t);
    }
    const pushMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const t1 = performance.now();
    let cursor = cursor0;
    let pulled = 0;
    for (;;) {
      const res = await app.request(`/api/sync/pull?cursor=${cursor}&clientId=flush-client`, { headers });
      const body = (await res.json()) as { cursor: number; changes: unknown[]; more: boolean };
      pulled += body.changes.length;
      cursor = body.cursor;
      if (!body.more) break;
    }
    const pullMs = performance.now() - t1;
    if (session) {
      const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfNode[]; samples: number[]; timeDeltas: number[] } };
      writeFileSync(join(process.cwd(), '.tmp', 'push.cpuprofile'), JSON.stringify(profile));
      summarize(profile);
    }
    results.push(
      `run ${run + 1}: ${n} mutations in batches of ${batch}: push ${pushMs.toFixed(0)} ms = ${(pushMs / n).toFixed(3)} ms/mutation, ` +
        `${((n / pushMs) * 1000).toFixed(0)}/s, CPU ${((cpu.user + cpu.system) / n).toFixed(0)} µs/mutation, ` +
        `slowest push ${Math.max(...lat).toFixed(0)} ms; pull back ${pulled} changes ${pullMs.toFixed(0)} ms; total ${(pushMs + pullMs).toFixed(0)} ms`,
    );
    console.log(results.at(-1));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  rmSync(plant.dir, { recursive: true, force: true });
}

/** Figure 4's shape without the network: 50 tablets, each pushing its next mutation when answered. */
async function load(plantDir: string, prof: boolean) {
  const dataDir = copyPlant({ dir: plantDir, workOrders: 0, operations: 0, seedMs: 0 });
  const store = await createSqliteStore({ file: join(dataDir, 'floorboard.sqlite'), backgroundCheckpoint: !process.env.FB_NO_BG });
  const app = createApp({ store, clock: systemClock });
  const all = await store.pull({ after: 0, upTo: Number.MAX_SAFE_INTEGER, scopes: [STATION], limit: 1_000_000 });
  const ops = all.filter((r) => r.entity === 'operations' && r.value.includes(`"stationId":"${STATION}"`)).map((r) => r.id);
  const tablets: { token: string; clientId: string; next: number }[] = [];
  for (let i = 0; i < 50; i++) {
    const dev = await createDevice(store, systemClock, `load-${i}`, [STATION]);
    const { token } = await enrollDevice(store, systemClock, dev.enrollmentCode, 'bench');
    tablets.push({ token, clientId: `load-client-${i}`, next: 1 });
  }
  const at = new Date().toISOString();
  const one = async (t: (typeof tablets)[number]) => {
    const id = t.next++;
    const m =
      id % 2
        ? {
            id,
            name: 'reportQuantity',
            actorId: ACTOR,
            at,
            args: { id: `${t.clientId}-${id}`, operationId: ops[(id * 7 + t.next) % ops.length], good: 1, scrap: 0 },
          }
        : { id, name: 'addNote', actorId: ACTOR, at, args: { id: `${t.clientId}-${id}`, stationId: STATION, text: `note ${id}` } };
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
      body: JSON.stringify({ protocol: 1, clientId: t.clientId, mutations: [m] }),
    });
    if (!res.ok) throw new Error(`push ${res.status} ${await res.text()}`);
    await res.json();
  };
  const loop = async (ms: number) => {
    const lat: number[] = [];
    const end = performance.now() + ms;
    const t0 = performance.now();
    await Promise.all(
      tablets.map(async (t) => {
        while (performance.now() < end) {
          const s = performance.now();
          await one(t);
          lat.push(performance.now() - s);
        }
      }),
    );
    const wall = performance.now() - t0;
    lat.sort((a, b) => a - b);
    return `50 tablets in-process: ${((lat.length / wall) * 1000).toFixed(0)} applied/s, p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(1)} ms`;
  };
  await loop(1000);
  let session: Session | undefined;
  if (prof) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  console.log(await loop(3000));
  if (session) {
    const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfNode[]; samples: number[]; timeDeltas: number[] } };
    summarize(profile);
  }
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(plantDir, { recursive: true, force: true });
}

function summarize(profile: { nodes: ProfNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const self = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const nd = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const url = nd.callFrame.url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'nm:' : ''));
    const k = `${nd.callFrame.functionName || '(anon)'} ${url}:${nd.callFrame.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + dt);
    const f = nd.callFrame.url.includes('node_modules/')
      ? nd.callFrame.url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
      : nd.callFrame.url.replace(/^.*\/work\/main\//, '') || nd.callFrame.functionName;
    file.set(f, (file.get(f) ?? 0) + dt);
  });
  console.log(`profile: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  console.log('by file:');
  for (const [k, us] of [...file].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
