import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Clock } from '../../../shared/domain/clock';
import type { Mutant } from './mutants';
import type { SimServer } from './server';

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
// Inside the repository, so the bundle's package imports resolve to its node_modules.
const TMP = fileURLToPath(new URL('../../../.tmp/', import.meta.url));
let bundled: Promise<string> | undefined;

/**
 * The child bundled once per process (packages stay external): node starts it several times faster
 * than through tsx, and every crash costs a start.
 */
function childScript(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(TMP, { recursive: true });
    const outfile = `${TMP}sim-server-child-${process.pid}.mjs`;
    await build({ entryPoints: [CHILD], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

/** Starts server-child.ts on the SQLite file or PostgreSQL database and waits until it listens. */
async function spawnServer(where: string, mutant: Mutant | undefined): Promise<Running> {
  const child = spawn(process.execPath, [await childScript(), where, mutant ?? ''], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), exited });
    });
    void exited.then(() => reject(new Error(`sim server process exited before listening: ${err.slice(-2000)}`)));
  });
}

/**
 * The simulation's server in a child process, reached over local HTTP: the same createApp and
 * store (a SQLite file, or a `postgres://` database), but a crash is a real SIGKILL, so the
 * store's connections are abandoned, not closed.
 */
export async function startServerProcess(where: string, clock: Clock, mutant: Mutant | undefined, remove: () => void): Promise<SimServer> {
  let running: Running | null = await spawnServer(where, mutant);
  const stop = async () => {
    const r = running;
    running = null;
    if (!r) return;
    r.child.kill('SIGKILL');
    await r.exited;
  };
  return {
    async handle(req) {
      const r = running;
      if (!r) throw new TypeError('server down');
      const url = new URL(req.url);
      const headers = new Headers(req.headers);
      headers.set('x-sim-now', String(clock.now()));
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
      return fetch(`http://127.0.0.1:${r.port}${url.pathname}${url.search}`, { method: req.method, headers, body });
    },
    async restart() {
      // SIGKILL while idle: between transactions, a kill and a close leave the same file.
      await stop();
      running = await spawnServer(where, mutant);
    },
    async crash(provoke) {
      const r = running!;
      r.child.send('crash');
      let died = false;
      void r.exited.then(() => (died = true));
      await Promise.race([r.exited, provoke()]);
      const midTransaction = died;
      await stop();
      running = await spawnServer(where, mutant);
      return midTransaction;
    },
    async close() {
      await stop();
      remove();
    },
  };
}
