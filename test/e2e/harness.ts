import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ADMIN_PASSWORD = 'e2e-coordinator-pass';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet on a machine without internet. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Kills the process (SIGKILL when `hard`), as a crash or a deploy would. */
  stop(hard?: boolean): Promise<void>;
  /** Starts the server again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
  output(): string;
}

/** Runs the real server (`server/main.ts`) on a free loopback port with its own SQLite file. */
export async function startServer(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        FLOORBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
        FLOORBOARD_SEED: opts.seed === false ? '0' : '1',
        FLOORBOARD_PIN_ITERATIONS: '1000',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (log += String(d)));
    child.stderr?.on('data', (d) => (log += String(d)));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server did not start within 60 s:\n${log}`);
  };

  const stop = async (hard = false) => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await launch();
  return {
    url,
    dataDir,
    stop,
    restart: launch,
    async dispose() {
      await stop(true);
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
}

/** Signs the coordinator in through the API and returns the session cookie header. */
export async function coordinatorCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`coordinator sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** Creates a device for the stations and returns its one-time enrollment code. */
export async function createEnrollmentCode(url: string, cookie: string, name: string, stationIds: string[]): Promise<string> {
  const res = await fetch(`${url}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name, stationIds }),
  });
  if (!res.ok) throw new Error(`device creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { enrollmentCode: string }).enrollmentCode;
}
