// `npm run sim -- --seeds 10000 [--from N] [--steps 40] [--jobs 2] [--chaos] [--verbose] [--server sqlite-process|postgres-2]`: runs the sync
// simulation over many seeds (in --jobs child processes) and prints the failing ones, each ready
// to become a named regression test in test/sync/regressions.test.ts, and what the run exercised:
// a run of 20 seeds or more that exercised no conflict, rejection, in-flight restart or crash fails.
// `--server postgres-2` starts a PostgreSQL as the tests do (or uses FLOORBOARD_TEST_DATABASE_URL).
import { availableParallelism } from 'node:os';
import { addCoverage, describeCoverage, emptyCoverage, uncovered, type Coverage } from './sim/coverage';
import { runSeedsInProcesses } from './sim/pool';
import { CHAOS, runSeed } from './sim/run';
import { SIM_SERVER_KINDS, type SimServerKind } from './sim/server';
import { SIM_POSTGRES_ENV } from './sim/server-postgres';
import { startTestPostgres } from '../support/postgres';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function report(seed: number, problems: string[]) {
  console.log(`seed ${seed} FAILED:\n  ${problems.slice(0, 8).join('\n  ')}`);
}

async function main() {
  const from = arg('from', 1);
  const count = arg('seeds', 100);
  const steps = arg('steps', 40);
  const jobs = arg('jobs', availableParallelism());
  const verbose = process.argv.includes('--verbose');
  const chaos = process.argv.includes('--chaos');
  const server = process.argv.indexOf('--server');
  const kind = server >= 0 ? (process.argv[server + 1] as SimServerKind) : undefined;
  if (kind && !SIM_SERVER_KINDS.includes(kind)) {
    console.error(`--server must be one of ${SIM_SERVER_KINDS.join(', ')}`);
    process.exit(2);
  }
  // Through the environment, so the worker processes see it too.
  if (kind) process.env.FLOORBOARD_SIM_SERVER = kind;
  const postgres = kind === 'postgres-2' && !process.env[SIM_POSTGRES_ENV] ? await startTestPostgres() : undefined;
  if (postgres) process.env[SIM_POSTGRES_ENV] = postgres.url;
  const failing: number[] = [];
  const started = Date.now();
  const coverage = emptyCoverage();
  if (verbose || jobs <= 1) {
    for (let seed = from; seed < from + count; seed++) {
      const r = await runSeed(seed, { ...(chaos ? CHAOS : {}), steps });
      if (r.problems.length) failing.push(seed), report(seed, r.problems);
      addCoverage(coverage, r.coverage);
      if (verbose) console.log(`seed ${seed}: ${JSON.stringify(r.outcomes)}\n  log:\n    ${r.log.join('\n    ')}`);
    }
  } else {
    // Batches, so failures show up while a long run is still going.
    const batch = 50 * jobs;
    for (let start = from; start < from + count; start += batch) {
      const n = Math.min(batch, from + count - start);
      const perSeed = new Map<number, Coverage>();
      const results = await runSeedsInProcesses(start, n, steps, jobs, chaos, perSeed);
      for (const c of perSeed.values()) addCoverage(coverage, c);
      for (const [seed, problems] of [...results].sort((a, b) => a[0] - b[0])) {
        if (problems.length) failing.push(seed), report(seed, problems);
      }
      console.log(`… seeds ${start}–${start + n - 1} done, ${failing.length} failed so far`);
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `${count} seeds from ${from} (${steps} steps${chaos ? ', chaos' : ''}) in ${secs} s: ${failing.length} failed${failing.length ? `: ${failing.join(' ')}` : ''}`,
  );
  console.log(`exercised: ${describeCoverage(coverage)}`);
  // A run that proved nothing fails; a rerun of a few seeds (to debug one) is not held to it.
  const gaps = count >= 20 ? uncovered(coverage) : [];
  for (const g of gaps) console.log(`FAILED: ${g}`);
  await postgres?.stop();
  process.exit(failing.length || gaps.length ? 1 : 0);
}

void main();
