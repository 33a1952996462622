import type { User } from '../../shared/schema';
import type { MutationContext } from '../../shared/domain/tx';
import type { PushMutation } from '../../shared/protocol';
import type { StoreWriter } from '../store/types';
import type { Principal } from './principal';

export type Authorized = { ok: true; ctx: MutationContext } | { ok: false; code: string; message: string };

const OFFICE_ROLES = new Set(['coordinator', 'admin']);

/**
 * A3, before apply: the actor must be an active user who may use this device (shares one of its
 * stations, or is the signed-in console user). Role checks happen inside `applyMutation`.
 */
export async function authorize(
  tx: StoreWriter,
  principal: Principal,
  m: PushMutation,
  now: string,
): Promise<Authorized> {
  const rec = await tx.getRecord('users', m.actorId);
  const user = rec && !rec.deleted ? (JSON.parse(rec.value) as User) : undefined;
  if (!user || !user.active) return { ok: false, code: 'unknown-actor', message: `no active user ${m.actorId}` };
  if (principal.kind === 'console') {
    if (user.id !== principal.userId) {
      return { ok: false, code: 'actor-mismatch', message: 'the console may only act as the signed-in user' };
    }
  } else if (!OFFICE_ROLES.has(user.role) && !user.stationIds.some((s) => principal.stationIds.includes(s))) {
    return { ok: false, code: 'actor-not-at-device', message: `${user.name} does not work at this tablet's stations` };
  }
  return {
    ok: true,
    ctx: {
      actor: { id: user.id, role: user.role, stationIds: user.stationIds },
      deviceId: principal.deviceId,
      deviceStationIds: principal.kind === 'console' ? 'all' : principal.stationIds,
      at: m.at,
      now,
      base: m.base,
    },
  };
}
