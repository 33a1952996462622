import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts server/main.ts for real on a free port and waits for the banner. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      if (out.includes('Floorboard is running') && out.includes('enroll a tablet')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

describe('server/main.ts', () => {
  it('migrates, creates the coordinator, seeds, listens, prints sign-ins and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-main-'));
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    try {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw', FLOORBOARD_PIN_ITERATIONS: '10', STATIC_DIR: join(dir, 'dist') });
      const banner = await main.ready;
      expect(banner).toContain(`http://localhost:${port}/console`);
      expect(banner).toContain('coordinator / main-test-pw');
      expect(banner).toMatch(/B1001\s+PIN \d{4}/);
      const health = await fetch(`http://localhost:${port}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true });
      const session = await fetch(`http://localhost:${port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'coordinator', password: 'main-test-pw' }),
      });
      expect(session.status).toBe(200);
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.output()).toContain('SIGTERM: closing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
