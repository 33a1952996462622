import type { HttpErrorCode } from '../shared/protocol';

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

/** The one exception the routes throw for expected HTTP failures; `app.onError` maps it. */
export class HttpError extends Error {
  constructor(
    readonly status: Status,
    readonly code: HttpErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Sent as the `Retry-After` header (seconds), for 429 and 503. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message = 'sign in or enroll this device first') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'you may not do this') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'not found') => new HttpError(404, 'not-found', message);
