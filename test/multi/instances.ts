import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports';

export const ADMIN_PASSWORD = 'cluster-pass-1';

/** One `server/main.ts` process. */
export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once its output contains `text`. */
  printed(text: string): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Starts `node --import tsx server/main.ts` on `databaseUrl`, on loopback behind one proxy
 * (TRUST_PROXY=1), and waits for its banner. `seed`: the first instance loads the demo plant.
 */
export async function startInstance(name: string, databaseUrl: string, o: { seed?: boolean; jobsPollMs?: number } = {}): Promise<Instance> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `fb-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRUST_PROXY: '1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(dir, 'data'),
      STATIC_DIR: dir,
      FLOORBOARD_SEED: o.seed ? 'demo' : '',
      FLOORBOARD_PIN_ITERATIONS: '1',
      FLOORBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      FLOORBOARD_JOBS_POLL_MS: String(o.jobsPollMs ?? 200),
      // No heartbeat re-check of tokens during a test: a stream revoked elsewhere can only end by notification.
      FLOORBOARD_HEARTBEAT_MS: String(3_600_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += String(d);
    for (const w of [...waiting]) if (out.includes(w.text)) waiting.splice(waiting.indexOf(w), 1), w.resolve();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(dir, { recursive: true, force: true }));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      waiting.push({ text, resolve });
      void exited.then((code) => reject(new Error(`${name} exited (${code}) before printing "${text}":\n${out}`)));
    });
  const instance: Instance = { name, url: `http://127.0.0.1:${port}`, child, output: () => out, printed, exited };
  await printed('Floorboard is running');
  return instance;
}

/** SIGKILLs an instance (no goodbye: its connections simply drop) and waits until it is gone. */
export async function kill(i: Instance): Promise<void> {
  if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
  await i.exited;
}
