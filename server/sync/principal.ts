/** Who is calling: an enrolled device (Bearer token) or the coordinator console (cookie). */
export type Principal =
  | { kind: 'device'; deviceId: string; stationIds: string[] }
  | { kind: 'console'; deviceId: 'console'; userId: string; role: string };

/** The scopes a principal may pull (S6): its stations, plant-wide, and its own device scope. */
export function scopesFor(p: Principal): string[] | 'all' {
  if (p.kind === 'console') return 'all';
  return ['*', ...p.stationIds, `device:${p.deviceId}`];
}

/** The owner a client id is bound to, so one device cannot push as another's client (S1). */
export function ownerOf(p: Principal): string {
  return p.kind === 'console' ? `console:${p.userId}` : `device:${p.deviceId}`;
}
