import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../../test/e2e/harness';
import type { BenchApi } from '../browser/entry';

const OUT_DIR = resolve('.tmp/bench');
const BUNDLE = join(OUT_DIR, 'entry.js');

/** Bundles bench/browser/entry.ts (app/db + app/sync + Dexie) for the page, minified like a release. */
export async function bundleEntry(): Promise<string> {
  await build({
    entryPoints: [resolve('bench/browser/entry.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    outfile: BUNDLE,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return BUNDLE;
}

const HTML = '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/__bench/entry.js"></script>';

export interface BenchPage {
  page: Page;
  context: BrowserContext;
  /** Calls a function of the page's `window.bench`. */
  call<K extends keyof BenchApi>(name: K, ...args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>>;
  close(): Promise<void>;
}

/**
 * A FRESH profile (new user-data-dir, so IndexedDB is on disk as on a tablet) with the bench page
 * served on the server's own origin: the sync client's requests are same-origin to the real server.
 */
export async function openBenchPage(serverUrl: string): Promise<BenchPage> {
  const profile = mkdtempSync(join(tmpdir(), 'floorboard-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true });
  const js = readFileSync(BUNDLE);
  await context.route('**/__bench/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/__bench/entry.js') return route.fulfill({ body: js, contentType: 'text/javascript; charset=utf-8' });
    return route.fulfill({ body: HTML, contentType: 'text/html; charset=utf-8' });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  await page.goto(`${serverUrl}/__bench/index.html`);
  await page.waitForFunction(() => document.title === 'bench-ready', undefined, { timeout: 30_000 });
  return {
    page,
    context,
    call: (name, ...args) =>
      page.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n as string]!(...(a as unknown[])), [
        name,
        args,
      ] as const) as never,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
