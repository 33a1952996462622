import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * What the request says about its client when `TRUST_PROXY` (the number of reverse proxies in
 * front of the server, 0: none) says which headers to believe. Without a proxy every
 * X-Forwarded-* header is the client's own claim and is ignored.
 */

/** The entry that the outermost trusted proxy appended to a comma-separated forwarded header. */
function forwarded(c: Context, header: string, trustProxy: number): string | undefined {
  if (trustProxy <= 0) return undefined;
  const hops = (c.req.header(header) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return hops.length ? hops[Math.max(0, hops.length - trustProxy)] : undefined;
}

/** Without a socket (`app.request()` in tests, a runtime other than Node) all callers share one address. */
export const NO_SOCKET_ADDRESS = 'in-process';

/** The client's address: the socket's, or X-Forwarded-For's as written by a trusted proxy. */
export function clientAddress(c: Context, trustProxy: number): string {
  const viaProxy = forwarded(c, 'x-forwarded-for', trustProxy);
  if (viaProxy) return viaProxy;
  const env = c.env as { incoming?: { socket?: unknown }; server?: unknown } | undefined;
  if (!env?.incoming?.socket && !env?.server) return NO_SOCKET_ADDRESS;
  return getConnInfo(c).remote.address ?? NO_SOCKET_ADDRESS;
}

/** Whether the browser reached us over TLS: directly, or through a trusted TLS-terminating proxy. */
export function isTls(c: Context, trustProxy: number): boolean {
  return new URL(c.req.url).protocol === 'https:' || forwarded(c, 'x-forwarded-proto', trustProxy) === 'https';
}

/** The origin the browser sees this server at (`https://floorboard.plant.example`). */
export function ownOrigin(c: Context, trustProxy: number): string {
  const host = forwarded(c, 'x-forwarded-host', trustProxy) ?? new URL(c.req.url).host;
  return `${isTls(c, trustProxy) ? 'https' : 'http'}://${host}`;
}
