import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Vite puts content-hashed files under assets/: they never change, so they cache for a year. */
function cacheControl(path: string): string {
  if (path.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  // The service worker, the shell and the manifest must be revalidated or updates never arrive.
  return 'no-cache';
}

async function fileAt(root: string, rel: string): Promise<Buffer | undefined> {
  const full = resolve(root, normalize(rel));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    if (!(await stat(full)).isFile()) return undefined;
    return await readFile(full);
  } catch {
    return undefined;
  }
}

/** Serves the built app, falling back to index.html for client-side routes (`/console`, …). */
export function serveApp(staticDir: string) {
  const root = resolve(staticDir);
  return async (c: Context) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname).replace(/^\/+/, '');
    } catch {
      // A malformed percent-escape is bad input, not a server failure.
      return c.json({ code: 'invalid-request', message: 'malformed URL' }, 400);
    }
    if (rel === '' || rel.endsWith('/')) rel = join(rel, 'index.html');
    let body = await fileAt(root, rel);
    // A missing file with an extension is a real 404; a route without one belongs to the SPA.
    if (!body && extname(rel) === '') {
      rel = 'index.html';
      body = await fileAt(root, rel);
    }
    if (!body) return c.json({ code: 'not-found', message: `no ${c.req.path}` }, 404);
    return c.body(new Uint8Array(body), 200, {
      'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
      'cache-control': cacheControl(rel),
    });
  };
}
