import type { MutationContext } from '../../shared/domain/tx';
import type { FloorboardDB, MetaValues } from '../db';
import type { SyncAuth } from './types';

/** The console is one client for the whole plant (docs/contracts.md). */
export const CONSOLE_DEVICE_ID = 'console';

/**
 * Builds the apply context from the local replica: the actor is the signed-in user's record in the
 * users table, the device and its stations come from meta. `undefined` when the actor is unknown.
 */
export async function buildContext(
  db: FloorboardDB,
  auth: SyncAuth,
  meta: Partial<MetaValues>,
  actorId: string,
  at: string,
  now: string,
  base?: number,
): Promise<MutationContext | undefined> {
  const user = await db.entity('users').get(actorId);
  if (!user) return undefined;
  const isConsole = auth.kind === 'console';
  return {
    actor: { id: user.id, role: user.role, stationIds: user.stationIds },
    deviceId: isConsole ? CONSOLE_DEVICE_ID : (meta.deviceId ?? 'unenrolled'),
    deviceStationIds: isConsole ? 'all' : (meta.stationIds ?? []),
    // What the server will find: the signed-in person's entries carry their proof (local.ts).
    backing: isConsole ? 'console' : meta.proof?.userId === actorId ? 'pin' : 'token',
    at,
    now,
    ...(base !== undefined ? { base } : {}),
  };
}
