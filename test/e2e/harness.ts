import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { createTestDatabase } from '../support/postgres';
import { closeStoreReader } from './server-state';
import { freePort } from '../support/ports';

export const ADMIN_PASSWORD = 'e2e-coordinator-pass';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet on a machine without internet. */
export const CHROMIUM_ARGS = [
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

/** Which store the real server runs on: its SQLite file, or DATABASE_URL on PostgreSQL. */
export type E2eStore = 'sqlite' | 'postgres';

/**
 * The store of this browser-test file's run: PostgreSQL when the file runs in the `postgres`
 * project (vitest.config.ts lists it there too, and its globalSetup provides the server), SQLite
 * in the main project.
 */
export const e2eStore = (): E2eStore => (inject('postgresUrl') ? 'postgres' : 'sqlite');

export interface RunningServer {
  url: string;
  store: E2eStore;
  dataDir: string;
  /** The server's DATABASE_URL (a fresh database of the test run's PostgreSQL) on `postgres`. */
  databaseUrl?: string;
  /** Kills the process (SIGKILL when `hard`), as a crash or a deploy would. */
  stop(hard?: boolean): Promise<void>;
  /** Starts the server again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
  output(): string;
}

/**
 * Runs the real server (`server/main.ts`) on a free loopback port with its own SQLite file, or
 * with `store: 'postgres'` on a fresh database of the test run's PostgreSQL. Like `npm start` it
 * loads no plant unless asked: `seed: 'demo'` is `npm run demo`'s FLOORBOARD_SEED.
 */
export async function startServer(opts: { seed?: 'demo'; env?: Record<string, string>; store?: E2eStore } = {}): Promise<RunningServer> {
  const store = opts.store ?? 'sqlite';
  // Only the postgres project provides the server's URL; outside vitest (the bench) there is no inject.
  const pgServer = store === 'postgres' ? inject('postgresUrl') : undefined;
  if (store === 'postgres' && !pgServer)
    throw new Error("store 'postgres': list the test file in vitest.config.ts's postgres project, whose setup starts PostgreSQL");
  const database = store === 'postgres' && pgServer ? await createTestDatabase(pgServer) : undefined;
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
        // On a restart the database holds the demo already: main says so and serves it as it is.
        FLOORBOARD_SEED: opts.seed ?? '',
        FLOORBOARD_PIN_ITERATIONS: '1000',
        DATABASE_URL: database?.url ?? '',
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

  const dispose = async () => {
    await stop(true);
    rmSync(dataDir, { recursive: true, force: true });
    await closeStoreReader({ dataDir, databaseUrl: database?.url });
    await database?.drop();
  };
  await launch().catch(async (err: unknown) => {
    await dispose();
    throw err;
  });
  return {
    url,
    store,
    dataDir,
    databaseUrl: database?.url,
    stop,
    restart: launch,
    dispose,
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

export { serverAudit, serverAuditCount, serverClients, serverRecords, type ServerAuditEntry, type ServerRecord } from './server-state';

// ---------------------------------------------------------------------------------------------
// Tablets and the console, driven through their screens (data-testid attributes).

export const tid = (id: string) => `[data-testid="${id}"]`;

/** Generous bounds for a 2-core machine shared with other test runs. */
export const UI_TIMEOUT = 30_000;

export interface Tablet {
  context: BrowserContext;
  page: Page;
  name: string;
  /** Uncaught page errors, for the assertion that none happened. */
  errors: string[];
}

export interface Operator {
  badge: string;
  pin: string;
  name: string;
}

/** The console's narrowest supported width (L3), the default of a profile. */
export const CONSOLE_NARROW = { width: 1280, height: 900 };
/** The office screen the console's layouts and screenshots are checked at. */
export const CONSOLE_WIDE = { width: 1440, height: 900 };

/** A fresh browser profile on the app's origin; every page error is collected for the report. */
export async function newProfile(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = CONSOLE_NARROW,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: url, viewport });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // X1: Chromium reports what the Content-Security-Policy blocked as a console error.
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Enrolls a fresh profile through the Enroll screen with a code made via the API. */
export async function enrollTablet(browser: Browser, server: RunningServer, cookie: string, name: string, stationIds: string[]): Promise<Tablet> {
  return enrollWithCode(browser, server, await createEnrollmentCode(server.url, cookie, name, stationIds), name);
}

/** Enrolls a fresh profile with a one-time code from anywhere (the API, or as the console shows it); ends on the sign-in screen. */
export async function enrollWithCode(browser: Browser, server: RunningServer, code: string, name: string): Promise<Tablet> {
  const { context, page, errors } = await newProfile(browser, server.url);
  await page.goto('/');
  await page.locator(tid('enroll-code')).fill(code);
  await page.locator(tid('enroll-submit')).click();
  await page.locator(tid('enroll-success')).waitFor();
  await page.locator(tid('enroll-continue')).click();
  await page.locator(tid('signin-screen')).waitFor();
  return { context, page, name, errors };
}

/** Badge + PIN on the keypad; waits for the station screen of the device's station. */
export async function signInOperator(t: Tablet, op: Operator): Promise<void> {
  const { page } = t;
  await page.locator(tid('signin-screen')).waitFor();
  // The staff list (with PIN verifiers) arrives with the first pull.
  await page.locator(tid('signin-no-users')).waitFor({ state: 'detached' });
  await page.locator(tid('signin-badge')).fill(op.badge);
  for (const d of op.pin) await page.locator(tid(`pin-key-${d}`)).click();
  await page.locator(tid('signin-submit')).click();
  await page.locator(tid('station-screen')).waitFor();
  await page.locator(`${tid('station-user')}:has-text("${op.name}")`).waitFor();
}

/** Resolves once the service worker is active, i.e. the shell is precached (§8). */
export async function waitForOfflineShell(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) throw new Error('no active service worker');
  });
}

/** The "changes waiting" count of the status bar. */
export async function pendingCount(page: Page): Promise<number> {
  const v = await page.locator(tid('sync-pending')).getAttribute('data-count');
  return Number(v);
}

/** Outbox rows counted in IndexedDB itself, independent of any screen. */
export async function outboxRows(page: Page, dbName = 'floorboard'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('outbox', 'readonly');
          const count = tx.objectStore('outbox').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    dbName,
  );
}

/** Signs the coordinator in through the console's own sign-in form (on a 1280 px screen unless `viewport` says otherwise). */
export async function openConsole(
  browser: Browser,
  server: RunningServer,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page, errors } = await newProfile(browser, server.url, opts.viewport);
  await page.goto('/console');
  await page.locator(tid('console-username')).fill('coordinator');
  await page.locator(tid('console-password')).fill(ADMIN_PASSWORD);
  await page.locator(tid('console-signin-submit')).click();
  await page.locator(tid('console-screen')).waitFor();
  return { context, page, errors };
}

/** Takes a full-page screenshot into .tmp/e2e/ (for reports when a flow breaks). */
export async function snap(page: Page, name: string): Promise<string> {
  const path = join(process.cwd(), '.tmp', 'e2e', `${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => undefined);
  return path;
}

/** The first queue card that can be started (pending, not on hold), with its ids. */
export async function firstStartable(page: Page): Promise<{ operationId: string; woNumber: string }> {
  const card = page.locator(`${tid('queue-item')}[data-status="pending"][data-held="false"]`).first();
  await card.waitFor();
  return { operationId: (await card.getAttribute('data-operation-id'))!, woNumber: (await card.getAttribute('data-wo-number'))! };
}

export const card = (page: Page, operationId: string) => page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"]`);

/** Waits for the result line of the last action and returns its outcome and words. */
export async function lastResult(page: Page, outcome = 'applied'): Promise<string> {
  const r = page.locator(`${tid('action-result')}[data-outcome="${outcome}"]`);
  await r.waitFor();
  const text = (await r.textContent()) ?? '';
  await page.locator(tid('action-result-dismiss')).click();
  await r.waitFor({ state: 'detached' });
  return text;
}

/** Start (or resume) an operation from its card. */
export async function startOperation(page: Page, operationId: string): Promise<void> {
  await card(page, operationId).locator(tid('op-start')).click();
  await lastResult(page);
  await page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"][data-status="running"]`).waitFor();
}

/** A completed operation's card: it stays at the bottom of the queue for the final count. */
export const completedCard = (page: Page, operationId: string) =>
  page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"][data-status="completed"]`);

/** Complete an operation from its card. */
export async function completeOperation(page: Page, operationId: string, outcome = 'applied'): Promise<string> {
  const c = card(page, operationId);
  await c.locator(tid('op-complete')).click();
  // Completing with 0 good asks once (the card renders the question in the same tap).
  const yes = c.locator(tid('op-complete-yes'));
  if (await yes.isVisible()) await yes.click();
  return lastResult(page, outcome);
}

/** Reports good (and scrap, with the first scrap reason) through the card's quantity form. */
export async function reportQuantity(page: Page, operationId: string, good: number, scrap = 0): Promise<void> {
  const c = card(page, operationId);
  const form = c.locator(tid('qty-form'));
  if (!(await form.isVisible())) await c.locator(tid('op-report')).click();
  await form.locator(tid('qty-good')).fill(String(good));
  await form.locator(tid('qty-scrap')).fill(String(scrap));
  if (scrap > 0) await form.locator(tid('qty-scrap-reason')).first().click();
  await form.locator(tid('qty-submit')).click();
  // More than what is left asks once to confirm.
  const yes = form.locator(tid('qty-confirm-yes'));
  if (await yes.isVisible()) await yes.click();
  await lastResult(page);
  await form.waitFor({ state: 'detached' });
}

/** Writes a shift note for the station on screen. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.locator(tid('note-text')).fill(text);
  await page.locator(tid('note-submit')).click();
  await lastResult(page);
  await page.locator(`${tid('note-item')}:has-text("${text}")`).waitFor();
}

/** Acknowledges the banner of the schedule change with this message. */
export async function acknowledge(page: Page, message: string): Promise<void> {
  const banner = page.locator(`${tid('change-banner')}:has-text("${message}")`);
  // Several pending changes fold behind their count: open the list first.
  const folded = page.locator(`${tid('change-banners-toggle')}[aria-expanded="false"]`);
  if (!(await banner.isVisible()) && (await folded.count())) await folded.click();
  await banner.locator(tid('change-ack')).click();
  await lastResult(page);
  await banner.waitFor({ state: 'detached' });
}

/** What every browser-test file shares: one server, one browser, the coordinator's cookie. */
export interface E2eWorld {
  server: RunningServer;
  browser: Browser;
  cookie: string;
  /** Closed in afterAll, before the browser and the server. */
  closers: (() => Promise<unknown>)[];
  /** Uncaught errors per page, for the "no page threw" check. */
  pageErrors: string[][];
}

/**
 * Registers the hooks of a browser-test file: starts the server on the demo plant (or, with
 * `seed: 'none'`, on an empty one as `npm start` does) on the run's store (`e2eStore()`) and the
 * browser, signs the coordinator in, and afterwards takes `onFailure` screenshots (when a test
 * failed) and closes everything, even when a test failed half-way.
 */
export function useE2eWorld(onFailure: () => Promise<void>, opts: { store?: E2eStore; seed?: 'demo' | 'none' } = {}): E2eWorld {
  const world = { closers: [], pageErrors: [] } as unknown as E2eWorld;
  const store = opts.store ?? e2eStore();
  beforeAll(async () => {
    world.server = await startServer({ seed: opts.seed === 'none' ? undefined : 'demo', store });
    world.browser = await launchBrowser();
    world.cookie = await coordinatorCookie(world.server.url);
  });
  let failed = false;
  beforeEach(({ onTestFailed }) => onTestFailed(() => void (failed = true)));
  afterAll(async () => {
    if (failed) await onFailure().catch(() => undefined);
    for (const close of world.closers) await close().catch(() => undefined);
    await world.browser?.close().catch(() => undefined);
    await world.server?.dispose();
  });
  return world;
}
