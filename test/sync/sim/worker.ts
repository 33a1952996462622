// One simulation process: `tsx test/sync/sim/worker.ts <from> <count> <steps>` prints one JSON line
// per seed. The test spreads seeds over a few of these so a 2-core machine uses both cores.
import { CHAOS, runSeed } from './run';

async function main() {
  const [from, count, steps] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  const chaos = process.argv[5] === 'chaos' ? CHAOS : {};
  for (let seed = from; seed < from + count; seed++) {
    const r = await runSeed(seed, { ...chaos, steps });
    process.stdout.write(`${JSON.stringify({ seed, problems: r.problems, coverage: r.coverage })}\n`);
  }
}

void main().then(() => process.exit(0));
