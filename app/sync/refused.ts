/**
 * Sync errors that mean the server turns this tablet's pushes away, so nothing queued is applied
 * however often it retries: a revoked (or unknown) token, a client id bound to another device, a
 * gap the outbox cannot fill, a re-enrollment whose proof failed. The status bar must then never
 * say "no problems" (DESIGN §8).
 */
const REFUSED = new Set(['device-revoked-or-unknown', 'server-client-taken', 'server-forbidden', 'mutation-gap', 'server-mutation-gap', 'not-enrolled']);

/** Whether the last sync error means pushes are refused (see above). */
export const isRefused = (lastError: string | null | undefined): boolean => lastError != null && REFUSED.has(lastError);

/** Whether the server no longer accepts this tablet's token (revoked, or reset): enroll again. */
export const isRevoked = (lastError: string | null | undefined): boolean => lastError === 'device-revoked-or-unknown';
