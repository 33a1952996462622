import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/domain/clock';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { createSqliteStore } from '../../server/store/sqlite';
import { toRecordWrite } from '../../server/sync/records';

interface Main {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

/** Starts server/main.ts (or `npm run demo`'s script) for real on a free port and waits for the banner. */
function startMain(env: Record<string, string>, argv: string[] = ['--import', 'tsx', 'server/main.ts']): Main {
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, FLOORBOARD_SEED: '', FLOORBOARD_PIN_ITERATIONS: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 60_000);
    void exited.then((code) => reject(new Error(`main exited (${code}) before its banner:\n${out}`)));
    child.stdout.on('data', () => {
      if (out.includes('Floorboard is running') && out.includes('enroll a tablet')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
  });
  const main: Main = { child, ready, exited, output: () => out };
  started.push(main);
  return main;
}

async function stop(main: Main) {
  main.child.kill('SIGTERM');
  expect(await main.exited).toBe(0);
}

/** Counts rows straight from the SQLite file (after the server stopped). */
function countRows(dir: string, where = '1 = 1'): number {
  const db = new Database(join(dir, 'floorboard.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM records WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const started: Main[] = [];
/** A failed expectation (or a timed-out test, whose finally never runs) must not leave a server running. */
function killStarted() {
  for (const m of started.splice(0)) if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGKILL');
}
afterEach(killStarted);

function withDir(fn: (dir: string, port: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-main-'));
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    try {
      await fn(dir, port);
    } finally {
      killStarted();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('server/main.ts', () => {
  it(
    'migrates, creates the coordinator, listens, prints the sign-in and stops on SIGTERM',
    withDir(async (dir, port) => {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw', STATIC_DIR: join(dir, 'dist') });
      const banner = await main.ready;
      expect(banner).toContain(`http://localhost:${port}/console`);
      expect(banner).toContain('coordinator / main-test-pw');
      const health = await fetch(`http://localhost:${port}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true });
      const session = await fetch(`http://localhost:${port}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'coordinator', password: 'main-test-pw' }),
      });
      expect(session.status).toBe(200);
      await stop(main);
      expect(main.output()).toContain('SIGTERM: closing');
    }),
    90_000,
  );

  it(
    '[A2] never seeds the demo plant, with its published PINs, unless asked to',
    withDir(async (dir, port) => {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw', STATIC_DIR: join(dir, 'dist') });
      const banner = await main.ready;
      await stop(main);
      expect(banner).not.toMatch(/PIN \d{4}/);
      expect(banner).toContain('npm run demo');
      expect(countRows(dir, "entity = 'stations'")).toBe(0);
      // Only the first coordinator exists, without a PIN a tablet could check.
      expect(countRows(dir, "entity = 'users'")).toBe(1);
      expect(countRows(dir, "entity = 'users' AND json_extract(value, '$.pin') IS NOT NULL")).toBe(0);
    }),
    90_000,
  );

  it(
    '`npm run demo` seeds the demo plant into an empty database and says so',
    withDir(async (dir, port) => {
      const main = startMain(
        { PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw', STATIC_DIR: join(dir, 'dist'), FLOORBOARD_SKIP_BUILD: '1' },
        ['scripts/start.mjs', '--demo'],
      );
      const banner = await main.ready;
      await stop(main);
      expect(banner).toContain('loaded the demo plant');
      expect(banner).toMatch(/B1001\s+PIN \d{4}/);
      expect(countRows(dir, "entity = 'stations'")).toBe(8);
    }),
    90_000,
  );

  it(
    'FLOORBOARD_SEED=demo refuses, in words, a database that holds a plant, and changes nothing',
    withDir(async (dir, port) => {
      const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      await ensureCoordinator(store, systemClock, 'main-test-pw');
      const station = { id: 'st-real', name: 'Real saw', departmentId: 'dep-real', active: true };
      await store.transaction(async (tx) => tx.putRecordsUnaudited([toRecordWrite('stations', station, await tx.nextVersion(), new Date().toISOString())]));
      const head = await store.head();
      await store.close();
      const before = countRows(dir);

      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_SEED: 'demo', STATIC_DIR: join(dir, 'dist') });
      const banner = await main.ready;
      await stop(main);
      expect(banner).toContain('not loading the demo plant: this database already holds a plant');
      expect(banner).not.toMatch(/PIN \d{4}/);
      expect(countRows(dir)).toBe(before);
      const after = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      expect(await after.head()).toBe(head);
      await after.close();
    }),
    90_000,
  );

  it(
    '[A3] purges expired console sessions when it starts (and on a timer after)',
    withDir(async (dir, port) => {
      const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      const now = Date.now();
      await store.transaction(async (tx) => {
        await tx.insertSession({ tokenHash: 'expired', userId: 'u-coordinator', expiresAt: now - 1, lastUsedAt: now - 60_000 });
        await tx.insertSession({ tokenHash: 'live', userId: 'u-coordinator', expiresAt: now + 3_600_000, lastUsedAt: now });
      });
      await store.close();
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw', STATIC_DIR: join(dir, 'dist') });
      await main.ready;
      await stop(main);
      const after = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      expect(await after.getSession('expired')).toBeUndefined();
      expect(await after.getSession('live')).toBeDefined();
      await after.close();
    }),
    90_000,
  );

  it(
    '[A3] a FLOORBOARD_ADMIN_PASSWORD that breaks the password rules stops the first start with words',
    withDir(async (dir, port) => {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_ADMIN_PASSWORD: 'admin', STATIC_DIR: join(dir, 'dist') });
      main.ready.catch(() => undefined);
      expect(await main.exited).toBe(1);
      expect(main.output()).toContain('FLOORBOARD_ADMIN_PASSWORD: a password needs at least 12 characters');
      const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      expect(await store.countConsoleUsers()).toBe(0);
      await store.close();
    }),
    90_000,
  );

  it(
    '[D4] purges the tombstones older than FLOORBOARD_CHANGELOG_DAYS when it starts (and on a timer after)',
    withDir(async (dir, port) => {
      const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      const day = 86_400_000;
      const tomb = (id: string, version: number, agoDays: number) => ({
        ...toRecordWrite('notes', { id }, version, new Date(Date.now() - agoDays * day).toISOString()),
        deleted: true,
      });
      await store.transaction((tx) => tx.putRecordsUnaudited([tomb('n-old', 1, 8), tomb('n-new', 2, 6)]));
      await store.close();
      const main = startMain({
        PORT: port,
        DATA_DIR: dir,
        FLOORBOARD_ADMIN_PASSWORD: 'main-test-pw',
        STATIC_DIR: join(dir, 'dist'),
        FLOORBOARD_CHANGELOG_DAYS: '7',
      });
      await main.ready;
      await stop(main);
      expect(countRows(dir, "entity = 'notes'")).toBe(1);
      const after = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
      expect(await after.getRecord('notes', 'n-new')).toMatchObject({ deleted: true });
      expect(await after.retainedFrom()).toBe(1);
      await after.close();
    }),
    90_000,
  );

  it(
    '[D4] a FLOORBOARD_CHANGELOG_DAYS that is not whole days stops the server with words',
    withDir(async (dir, port) => {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_CHANGELOG_DAYS: '0.5', STATIC_DIR: join(dir, 'dist') });
      main.ready.catch(() => undefined);
      expect(await main.exited).toBe(1);
      expect(main.output()).toContain('FLOORBOARD_CHANGELOG_DAYS must be whole days between 1 and 3650, not "0.5"');
    }),
    90_000,
  );

  it(
    'an unknown FLOORBOARD_SEED stops the server with words before it touches the database',
    withDir(async (dir, port) => {
      const main = startMain({ PORT: port, DATA_DIR: dir, FLOORBOARD_SEED: '1', STATIC_DIR: join(dir, 'dist') });
      main.ready.catch(() => undefined);
      expect(await main.exited).toBe(1);
      expect(main.output()).toContain('FLOORBOARD_SEED=1 is not a setting: use FLOORBOARD_SEED=demo');
    }),
    90_000,
  );
});
