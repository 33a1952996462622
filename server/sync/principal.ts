import { HttpError } from '../errors';
import type { ClientRow } from '../store/types';

/** Who is calling: an enrolled device (Bearer token) or the coordinator console (cookie). */
export type Principal = { kind: 'device'; deviceId: string; stationIds: string[] } | { kind: 'console'; deviceId: 'console'; userId: string; role: string };

/** The scopes a principal may pull (S6): its stations, plant-wide, and its own device scope. */
export function scopesFor(p: Principal): string[] | 'all' {
  if (p.kind === 'console') return 'all';
  return ['*', ...p.stationIds, `device:${p.deviceId}`];
}

/** The owner a client id is bound to, so one device cannot push as another's client (S1). */
function ownerOf(p: Principal): string {
  return p.kind === 'console' ? `console:${p.userId}` : `device:${p.deviceId}`;
}

/**
 * S1, the one owner check of push and pull: a client id is bound to the first device (or console
 * user) that pushed with it; anyone else gets 403 `client-taken`. Returns the caller's owner, the
 * one a push binds the client id to.
 */
export function ownClient(client: ClientRow | undefined, p: Principal): string {
  const owner = ownerOf(p);
  if (client && client.owner !== owner) throw new HttpError(403, 'client-taken', 'this client id belongs to another device');
  return owner;
}
