import { ms } from '../lib/stats';
import { med, met, type Row } from '../lib/table';
import type { BenchServer } from '../lib/server';
import { enrollTablets, healthLoad, pushLoad, type LoadRun } from './load';

export interface LoadFigure {
  rate: number;
  rows: Row[];
}

/**
 * Figure 4 on one server (SQLite, or PostgreSQL with one or more instances): `tablets` enroll,
 * a 1 s warm-up, then `runs` × (push load, health floor) in alternating order, `loadMs` each.
 */
export async function loadFigure(
  srv: BenchServer,
  opts: { label: string; tag: string; tablets: number; runs: number; loadMs: number; target?: number; log: (s: string) => void },
): Promise<LoadFigure> {
  const { label, tag, tablets: count, runs, loadMs, log } = opts;
  const tablets = await enrollTablets(srv, count);
  await pushLoad(tablets, 1_000); // warm-up: JIT, statement paths, connections
  const push: LoadRun[] = [];
  const health: LoadRun[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['push', 'health'] : ['health', 'push'];
    for (const k of order) {
      if (k === 'push') push.push(await pushLoad(tablets, loadMs));
      else health.push(await healthLoad(tablets, loadMs));
    }
    log(
      `  fig 4${tag} run ${i + 1}: ${push[i]!.perSecond.toFixed(0)} applied/s p50 ${ms(push[i]!.p50)} p99 ${ms(push[i]!.p99)}; ` +
        `health ${health[i]!.perSecond.toFixed(0)} req/s p99 ${ms(health[i]!.p99)}` +
        (push[i]!.rateLimited ? `; ${push[i]!.rateLimited} rate-limited` : ''),
    );
  }
  const rate = med(push, (r) => r.perSecond);
  const p99 = med(push, (r) => r.p99);
  const floorRate = med(health, (r) => r.perSecond);
  const errors = push.reduce((n, r) => n + r.errors, 0);
  const limited = push.reduce((n, r) => n + r.rateLimited, 0);
  const healthLatency = `${ms(med(health, (r) => r.p50))} / ${ms(med(health, (r) => r.p99))}`;
  return {
    rate,
    rows: [
      {
        figure: `4${tag}. ${label}: applied mutations/s, ${count} tablets, 1 mutation a push`,
        value: `${rate.toFixed(0)}/s`,
        floor: `${floorRate.toFixed(0)} req/s`,
        ratio: `${(rate / floorRate).toFixed(2)}×`,
        target: opts.target ? `≥ ${opts.target}/s` : '(see 4pg)',
        met: opts.target ? met(rate >= opts.target, limited) : limited ? met(true, limited) : '',
        notes: [
          `closed loop, ${loadMs / 1000} s a run after a 1 s warm-up, each tablet its own device, token, clientId and keep-alive connection` +
            (srv.urls.length > 1 ? ` (tablet i → instance i mod ${srv.urls.length})` : '') +
            `; reportQuantity and addNote alternating; errors ${errors}, rate-limited (429) ${limited}`,
          `floor = GET /api/health (bare Hono route) under the same closed loop on the same connections: p50 / p99 ${healthLatency}`,
        ],
      },
      {
        figure: `4${tag}. ${label}: push latency p50 / p99`,
        value: `${ms(med(push, (r) => r.p50))} / ${ms(p99)}`,
        floor: healthLatency,
        ratio: '',
        target: opts.target ? 'p99 < 50 ms' : '',
        met: opts.target ? met(p99 < 50, limited) : '',
        notes: [],
      },
    ],
  };
}
