// `npm run sim -- --seeds 10000 [--from N] [--steps 40] [--verbose]`: runs the sync simulation
// over many seeds and prints the failing ones, each ready to become a named regression test.
import { runSeed } from './sim/run';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const from = arg('from', 1);
  const count = arg('seeds', 100);
  const steps = arg('steps', 40);
  const verbose = process.argv.includes('--verbose');
  const failing: number[] = [];
  const started = Date.now();
  for (let seed = from; seed < from + count; seed++) {
    const r = await runSeed(seed, { steps });
    if (r.problems.length) {
      failing.push(seed);
      console.log(`seed ${seed} FAILED:\n  ${r.problems.slice(0, 8).join('\n  ')}`);
      if (verbose) console.log(`  log:\n    ${r.log.join('\n    ')}`);
    } else if (verbose) console.log(`seed ${seed} ok`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${count} seeds from ${from} in ${secs} s: ${failing.length} failed${failing.length ? `: ${failing.join(' ')}` : ''}`);
  process.exit(failing.length ? 1 : 0);
}

void main();
