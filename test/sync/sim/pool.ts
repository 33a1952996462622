import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Coverage } from './coverage';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Runs seeds [from, from + count) in a few child processes (tsx) and collects each seed's
 * problems. Separate processes because vitest gives a file one worker, and the seeds are CPU-bound.
 */
export async function runSeedsInProcesses(
  from: number,
  count: number,
  steps: number,
  processes = Math.max(2, availableParallelism()),
  chaos = false,
  /** Filled with each seed's coverage figures. */
  coverage?: Map<number, Coverage>,
  /** Added to the workers' environment (which server: FLOORBOARD_SIM_SERVER and its database). */
  env: Record<string, string> = {},
): Promise<Map<number, string[]>> {
  const results = new Map<number, string[]>();
  const per = Math.ceil(count / processes);
  const runs: Promise<void>[] = [];
  for (let start = from; start < from + count; start += per) {
    const n = Math.min(per, from + count - start);
    runs.push(
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', WORKER, String(start), String(n), String(steps), chaos ? 'chaos' : ''], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...env },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => {
          for (const line of out.split('\n')) {
            if (!line.startsWith('{')) continue;
            const r = JSON.parse(line) as { seed: number; problems: string[]; coverage: Coverage };
            results.set(r.seed, r.problems);
            coverage?.set(r.seed, r.coverage);
          }
          // A crashed process leaves its remaining seeds without a result: each of them fails.
          for (let s = start; s < start + n; s++) if (!results.has(s)) results.set(s, [`no result (exit ${code}): ${err.slice(-2000)}`]);
          resolve();
        });
      }),
    );
  }
  await Promise.all(runs);
  return results;
}
