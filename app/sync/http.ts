import type { z } from 'zod';
import type { FloorboardDB } from '../db';
import { getMeta } from '../db';
import { OUTBOX_HEADER, VERSION_HEADER } from '../../shared/protocol';
import type { FetchLike, SyncAuth } from './types';
import { APP_VERSION } from './version';

/** The result of one HTTP exchange; network failures are values too. */
export type HttpResult<T = unknown> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; body: unknown }
  | { ok: false; status: 0; body: null; network: true };

/** A server asking for more than this is not believed: the backoff's own cap applies instead. */
const MAX_RETRY_AFTER_S = 300;

/** A request body already serialised, so the push can prepare its next batch while one is on the wire. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A 2xx whose body is not what shared/protocol says the server answers (STYLE habit 1). */
const invalidResponse = (status: number) => ({
  ok: false as const,
  status,
  body: { code: 'invalid-response', message: 'the server answered something unexpected' },
});

/**
 * Sends JSON with the device token (Bearer) or the console's cookie; with a schema, a 2xx body is
 * parsed with it, and one that does not match is an `invalid-response` failure, never a cast.
 */
export function createRequester(db: FloorboardDB, baseUrl: string, auth: SyncAuth, fetchFn: FetchLike) {
  // The token is read once per pass (prepare), not per request: a read of meta would queue behind
  // the page write in progress and undo the overlap of the next pull with it.
  let token: string | undefined;
  /** Outbox entries at the pass's start, reported with each request for the console (stuck tablets). */
  let outbox = 0;
  let lastRetryAfterMs = 0;
  const send = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, schema?: z.ZodType<T>): Promise<HttpResult<T>> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth.kind === 'device' && token) {
      headers.authorization = `Bearer ${token}`;
      headers[OUTBOX_HEADER] = String(outbox);
      headers[VERSION_HEADER] = APP_VERSION;
    }
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof JsonText ? body.text : JSON.stringify(body),
        credentials: auth.kind === 'console' ? 'same-origin' : 'omit',
      });
    } catch {
      return { ok: false, status: 0, body: null, network: true };
    }
    // 429 rate-limited and 503 storage-unavailable say how long to wait (seconds).
    const retryAfter = Number(res.headers.get('retry-after'));
    if (retryAfter > 0) lastRetryAfterMs = Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000;
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      // A proxy's HTML error page or a cut connection: treat the body as absent.
      if (res.ok) return { ok: false, status: 0, body: null, network: true };
    }
    if (!res.ok) return { ok: false, status: res.status, body: parsed };
    if (!schema) return { ok: true, status: res.status, body: parsed as T };
    const checked = schema.safeParse(parsed);
    return checked.success ? { ok: true, status: res.status, body: checked.data } : invalidResponse(res.status);
  };
  return Object.assign(send, {
    /** The longest `Retry-After` the server asked for since the last call, in ms (0: none); clears it. */
    takeRetryAfter(): number {
      const ms = lastRetryAfterMs;
      lastRetryAfterMs = 0;
      return ms;
    },
    /**
     * Takes the device token for this pass (after enrollment it may be new): the one given (read
     * with the rest of meta), or read from meta. Returns it.
     */
    async prepare(known?: { token?: string }): Promise<string | undefined> {
      token = auth.kind === 'device' ? (known ? known.token : await getMeta(db, 'token')) : undefined;
      if (token) outbox = await db.outbox.count();
      return token;
    },
  });
}

export type Requester = ReturnType<typeof createRequester>;
