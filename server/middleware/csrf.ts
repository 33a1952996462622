import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { HttpError } from '../errors';
import { ownOrigin } from './proxy';

const SAFE = /^(GET|HEAD|OPTIONS)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

const crossOrigin = () => new HttpError(403, 'cross-origin-request', 'writes with the console cookie must come from this server’s own pages');

/**
 * X2: a write that a browser could send with the console cookie must come from our own pages.
 * Device-token (Bearer) requests carry no ambient credential and pass. A request with neither
 * Origin nor Sec-Fetch-Site is not from a browser (every browser sends Origin on a POST or
 * DELETE, from our pages too), so scripts and tests pass; one that names a foreign origin does not.
 */
export function sameOriginWrites(trustProxy: number): MiddlewareHandler {
  // Hono's own check for the bodies a page may send cross-site without a preflight (form and
  // text/plain posts): they need our Origin or Sec-Fetch-Site same-origin, whatever else.
  const simpleBodies = csrf({ origin: (origin, c) => origin === ownOrigin(c, trustProxy) });
  return async (c, next) => {
    if (SAFE.test(c.req.method) || c.req.header('authorization') !== undefined) return next();
    if (c.req.header('content-type') !== undefined) {
      try {
        await simpleBodies(c, async () => {});
      } catch (err) {
        if (err instanceof HTTPException && err.status === 403) throw crossOrigin();
        throw err;
      }
    }
    // JSON from another site needs a CORS preflight that we never grant; refused here as well,
    // so that a CORS header added one day cannot open the door.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw crossOrigin();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== ownOrigin(c, trustProxy)) throw crossOrigin();
    await next();
  };
}

/** HTTP/1.1 announces a body in its headers; `app.request()` has no socket, so ask its Request. */
function hasBody(c: Context): boolean {
  if (Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined) return true;
  const fromSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
  return !fromSocket && c.req.raw.body !== null;
}

/**
 * X2: every body the API reads is JSON; any other media type is 415 before a route reads it. The
 * one exception is `rawPaths` (the blob upload, T2), whose route decides by the bytes themselves.
 */
export const jsonBodiesOnly =
  (rawPaths: readonly string[] = []): MiddlewareHandler =>
  async (c, next) => {
    if (!SAFE.test(c.req.method) && !rawPaths.includes(c.req.path)) {
      const type = c.req.header('content-type');
      if (type === undefined ? hasBody(c) : !JSON_TYPE.test(type)) {
        throw new HttpError(415, 'unsupported-media-type', 'the API reads application/json bodies only');
      }
    }
    await next();
  };
