import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { isTls } from './proxy';

/** Six months: long enough to matter, short enough that a plant that drops TLS recovers. */
const HSTS = 'max-age=15552000';

/**
 * X1: the same strict headers on every response, app and API. The built app loads one module
 * script and one stylesheet from /assets, its worker from /sw.js and its manifest from
 * /manifest.webmanifest, all same-origin, with no inline script and no eval.
 */
export function securityHeaders(trustProxy: number): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // The camera's code reader is WebAssembly (zxing-wasm, §9): compiling wasm needs
      // 'wasm-unsafe-eval', which allows no JavaScript eval.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      // Solid's compiled templates carry static style="…" attributes; <style> elements and
      // stylesheets from elsewhere stay blocked.
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // Only where the browser really came over TLS: set below, per request.
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (isTls(c, trustProxy)) c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
