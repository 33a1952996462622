import type { RejectionCode } from '../../shared/codes';
import type { ActBacking, User } from '../../shared/schema';
import type { MutationContext } from '../../shared/domain/tx';
import { isOfficeRole, needsProof } from '../../shared/domain/roles';
import type { PushMutation } from '../../shared/protocol';
import type { StoreWriter } from '../store/types';
import type { Principal } from './principal';
import { proofHolds } from './verify-proof';

export type Authorized = { ok: true; ctx: MutationContext; backing: ActBacking } | { ok: false; code: RejectionCode; message: string; backing: ActBacking };

/**
 * A3, before apply: who the actor is and what backs that claim. On the console it is the
 * signed-in user and no one else. On a tablet the actor must work at one of its stations (office
 * roles at any of them), and everyone but an operator must prove with a PIN proof (A2) that they
 * signed in on it; an operator's act without a valid proof is applied but marked `token`. Role and
 * station scope of the act itself are checked inside `applyMutation`, the same code as the tablet's.
 */
export async function authorize(tx: StoreWriter, principal: Principal, clientId: string, m: PushMutation, now: string): Promise<Authorized> {
  const rec = await tx.getRecord('users', m.actorId);
  const user = rec && !rec.deleted ? (JSON.parse(rec.value) as User) : undefined;
  const token = principal.kind === 'console' ? 'console' : 'token';
  if (!user) return { ok: false, code: 'unknown-actor', message: `no user ${m.actorId}`, backing: token };
  // A disabled person stays on the tablets' rosters (marked inactive), and nothing more is applied in their name.
  if (!user.active) return { ok: false, code: 'actor-inactive', message: `${user.name} is disabled`, backing: token };
  let backing: ActBacking = 'console';
  if (principal.kind === 'console') {
    if (user.id !== principal.userId) {
      return { ok: false, code: 'actor-mismatch', message: 'the console may only act as the signed-in user', backing };
    }
  } else {
    // The proof first, so the audit says what backed even a refused act. An operator's act never
    // hangs on it (the token already vouches for the station): a stale proof, say from before a
    // PIN change, leaves the floor's work applied and marked `token` instead of lost.
    backing = m.proof !== undefined && (await proofHolds(tx, user, clientId, m)) ? 'pin' : 'token';
    if (backing === 'token' && needsProof(user.role)) {
      return { ok: false, code: 'actor-not-verified', message: `${user.name} must sign in on this tablet with badge and PIN first`, backing };
    }
    if (!isOfficeRole(user.role) && !user.stationIds.some((s) => principal.stationIds.includes(s))) {
      return { ok: false, code: 'actor-not-at-device', message: `${user.name} does not work at this tablet's stations`, backing };
    }
  }
  return {
    ok: true,
    backing,
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
