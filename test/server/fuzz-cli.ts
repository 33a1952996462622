// `npm run fuzz -- [--runs N] [--seed S] [--endpoint push,pull,…]`: the X4 fuzz of test/server/fuzz.test.ts
// for as many cases as you like. It keeps going past a failure and prints every one with the seed
// and the case's index, so a failure reproduces (same seed, same runs); a failing case then
// becomes a named test in test/server/fuzz-regressions.test.ts.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { ENDPOINTS, type Endpoint } from './fuzz/requests';
import { runCase, FUZZ_SEED } from './fuzz/run';
import { makeFuzzWorld } from './fuzz/world';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    endpoint: { type: 'string', default: ENDPOINTS.join(',') },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log('npm run fuzz -- [--runs N (1000)] [--seed S (random)] [--endpoint push,pull,events,session,devices,audit,health,static]');
  process.exit(0);
}

async function main() {
  const seed = opt.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(opt.seed);
  const endpoints = opt.endpoint!.split(',').map((s) => s.trim()) as Endpoint[];
  for (const e of endpoints) if (!ENDPOINTS.includes(e)) throw new Error(`unknown endpoint ${e}; one of ${ENDPOINTS.join(', ')}`);
  const runs = Number(opt.runs);
  console.log(`fuzz: seed ${seed}, ${runs} cases over ${endpoints.join(', ')} (default seed of npm test: ${FUZZ_SEED})`);
  const world = await makeFuzzWorld();
  const failures = new Map<string, { count: number; first: string }>();
  try {
    for (const [i, endpoint] of endpoints.entries()) {
      const n = Math.ceil(runs / endpoints.length);
      const plans = fc.sample(world.plans[endpoint], { seed: seed + i, numRuns: n });
      const statuses = new Map<number | string, number>();
      for (const [k, plan] of plans.entries()) {
        let status: number | string;
        try {
          status = (await runCase(world, plan)) ?? 'unsendable';
        } catch (err) {
          status = 'FAILED';
          const msg = (err as Error).message;
          // One line per kind of failure: the first line without the values that differ.
          const kind = `${endpoint}: ${msg
            .split('\n')[0]!
            .replace(/[?/].*? →/, ' →')
            .replace(/record \S+/, 'record …')}`;
          const f = failures.get(kind) ?? { count: 0, first: `seed ${seed + i}, case ${k}\n${msg}\n  plan: ${JSON.stringify(plan).slice(0, 600)}` };
          f.count++;
          failures.set(kind, f);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      console.log(
        `${endpoint.padEnd(8)} ${[...statuses]
          .sort()
          .map(([s, c]) => `${s}×${c}`)
          .join(' ')}`,
      );
    }
  } finally {
    await world.close();
  }
  for (const [kind, f] of failures) console.log(`\nFAIL ×${f.count} ${kind}\n${f.first}`);
  console.log(failures.size ? `\n${failures.size} kinds of failure (seed ${seed})` : `\nno failure (seed ${seed})`);
  process.exit(failures.size ? 1 : 0);
}

void main();
