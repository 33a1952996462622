import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '../../shared/domain/clock';
import { forbidden, unauthorized } from '../errors';
import type { Store } from '../store/types';
import type { Principal } from '../sync/principal';
import { sha256 } from './crypto';
import { SESSION_COOKIE, sessionUser } from './session';

export type AuthEnv = { Variables: { principal: Principal; sessionToken?: string } };

/** Who the caller is: a device by Bearer token (checked for revocation every time) or a session. */
export async function resolvePrincipal(
  store: Store,
  clock: Clock,
  authorization: string | undefined,
  cookie: string | undefined,
): Promise<Principal | undefined> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (authorization !== undefined) {
    // A bad Authorization header is an error even when a cookie is also present.
    if (!bearer) return undefined;
    const d = await store.getDeviceByTokenHash(sha256(bearer));
    return d && !d.revoked ? { kind: 'device', deviceId: d.id, stationIds: d.stationIds } : undefined;
  }
  if (!cookie) return undefined;
  const user = await sessionUser(store, clock, cookie);
  return user ? { kind: 'console', deviceId: 'console', userId: user.id, role: user.role } : undefined;
}

/** Requires a device token or a console session (401 `unauthorized` otherwise). */
export const authenticate =
  (store: Store, clock: Clock): MiddlewareHandler<AuthEnv> =>
  async (c, next) => {
    const authorization = c.req.header('authorization');
    // A device's request carries no cookie worth parsing: with an Authorization header it is never read.
    const cookie = authorization === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    const p = await resolvePrincipal(store, clock, authorization, cookie);
    if (!p) throw unauthorized();
    c.set('principal', p);
    if (p.kind === 'console') c.set('sessionToken', cookie);
    await next();
  };

/** Requires a console user of one of these roles (the auditor reads the audit trail, X3). */
export const requireConsoleRole =
  (...roles: string[]): MiddlewareHandler<AuthEnv> =>
  async (c, next) => {
    const p = c.get('principal');
    if (p.kind !== 'console' || !roles.includes(p.role)) throw forbidden(`${roles.join(', ')} only`);
    await next();
  };

/** Requires a coordinator or admin signed in at the console. */
export const requireCoordinator = (): MiddlewareHandler<AuthEnv> => async (c, next) => {
  const p = c.get('principal');
  if (p.kind !== 'console' || (p.role !== 'coordinator' && p.role !== 'admin')) throw forbidden('coordinators only');
  await next();
};
