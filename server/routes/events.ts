import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { POKE_EVENT, STREAM_CLOSED_EVENT } from '../../shared/protocol';
import { resolvePrincipal, type AuthEnv } from '../auth/middleware';
import { SESSION_COOKIE } from '../auth/session';
import { scopesFor } from '../sync/principal';
import { pokeConcerns } from '../sync/pokes';
import type { SyncDeps } from '../sync/push';
import type { StreamEnd, StreamRegistry } from '../sync/streams';

/** SSE comment interval: below the ~30 s idle timeouts of common proxies. */
export const HEARTBEAT_MS = 25_000;

export interface EventDeps extends SyncDeps {
  streams: StreamRegistry;
  heartbeatMs?: number;
}

/**
 * `GET /api/sync/events` (DESIGN §5): a poke on connect and after each commit that concerns the
 * caller, a heartbeat comment in between. The stream ends (a `closed` event with the reason, then
 * the end of the body) when its device is revoked, when its token or session no longer holds at
 * a heartbeat, or when the device opened more streams than the registry allows.
 */
export function eventStream(deps: EventDeps) {
  return (c: Context<AuthEnv>) => {
    const principal = c.get('principal');
    const scopes = scopesFor(principal);
    const authorization = c.req.header('authorization');
    const cookie = getCookie(c, SESSION_COOKIE);
    const key = principal.kind === 'device' ? principal.deviceId : `console:${principal.userId}`;
    return streamSSE(c, async (stream) => {
      let closed = false;
      let ending: Promise<void> = Promise.resolve();
      let wake = () => {};
      const end = (reason: StreamEnd) => {
        if (closed) return;
        closed = true;
        ending = stream.writeSSE({ event: STREAM_CLOSED_EVENT, data: JSON.stringify({ code: reason }) }).catch(() => undefined);
        wake();
      };
      const unregister = deps.streams.open(key, principal.deviceId, end);
      const unsubscribe = deps.pokes.subscribe((p) => {
        if (!closed && pokeConcerns(p, scopes)) void stream.writeSSE({ event: POKE_EVENT, data: JSON.stringify({ cursor: p.cursor }) });
      });
      stream.onAbort(() => {
        closed = true;
        wake();
      });
      try {
        // A first poke on connect: whatever was committed while the client was away is worth a pull.
        await stream.writeSSE({ event: POKE_EVENT, data: JSON.stringify({ cursor: await deps.store.head() }) });
        while (!closed) {
          // Wait for the heartbeat or the end, whichever comes first, so no timer outlives the stream.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, deps.heartbeatMs ?? HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (closed) break;
          // The token (or session) is checked again: a revocation on another instance, an expiry.
          if (!(await resolvePrincipal(deps.store, deps.clock, authorization, cookie))) end('unauthorized');
          else await stream.write(': heartbeat\n\n');
        }
        await ending;
      } finally {
        unsubscribe();
        unregister();
      }
    });
  };
}
