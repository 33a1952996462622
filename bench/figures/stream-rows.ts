import { ms } from '../lib/stats';
import { med, met, type Row } from '../lib/table';
import type { BenchServer } from '../lib/server';
import { pushLoad } from './load';
import { openStreams, streamRun, type StreamRun } from './streams';

/** Figure 5 on one SQLite server: `streams` held event streams while `pushers` push, `runs` × `loadMs`. */
export async function streamFigure(
  srv: BenchServer,
  opts: { streams: number; pushers: number; runs: number; loadMs: number; log: (s: string) => void },
): Promise<Row[]> {
  const sb = await openStreams(srv, opts.streams, opts.pushers);
  try {
    await pushLoad(sb.pushers, 1_000, { notesOnly: true }); // warm-up, as figure 4
    const runs: StreamRun[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const r = await streamRun(srv, sb, opts.loadMs);
      opts.log(
        `  fig 5 run ${i + 1}: poke p50 ${ms(r.p50)} p99 ${ms(r.p99)} (${r.samples} deliveries, ${r.missed} missed, ${r.closed} closed); ` +
          `push ${r.push.perSecond.toFixed(0)} applied/s p50 ${ms(r.push.p50)} p99 ${ms(r.push.p99)}`,
      );
      runs.push(r);
    }
    const p99 = med(runs, (r) => r.p99);
    const missed = runs.reduce((n, r) => n + r.missed, 0);
    const closed = runs.reduce((n, r) => n + r.closed, 0);
    const limited = runs.reduce((n, r) => n + r.push.rateLimited, 0);
    return [
      {
        figure: `5. poke delivery, ${opts.streams} tablets holding event streams while ${opts.pushers} push (SQLite): commit → poke received p50 / p99`,
        value: `${ms(med(runs, (r) => r.p50))} / ${ms(p99)}`,
        floor: `${ms(med(runs, (r) => r.push.p50))} / ${ms(med(runs, (r) => r.push.p99))}`,
        ratio: '',
        target: 'p99 < 1 s',
        met: missed || closed ? 'NO (pokes missed)' : met(p99 < 1000, limited),
        notes: [
          `each push one note; its commit cursor is read back from the database and, for every stream of its station, the first poke at or past it is found; ` +
            `timed from the push's send (the commit lies between send and answer), so an upper bound; the holders only listen (no pull on a poke)`,
          `deliveries ${med(runs, (r) => r.samples)} a run, missed ${missed}, streams closed ${closed}; pushes ${med(runs, (r) => r.push.perSecond).toFixed(0)} applied/s, rate-limited ${limited}`,
          'floor = the push latency p50 / p99 of the same run: the poke leaves right after the commit the push waits for',
        ],
      },
    ];
  } finally {
    sb.close();
  }
}
