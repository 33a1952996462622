import { Hono } from 'hono';
import type { Clock } from '../../shared/domain/clock';
import { CreateUserRequest, SetPasswordRequest, UpdateUserRequest } from '../../shared/protocol';
import { authenticate, requireCoordinator, type AuthEnv } from '../auth/middleware';
import { createUser, listUsers, setPassword, setUserActive, updateUser, type UserActor } from '../auth/users';
import { forbidden, unauthorized } from '../errors';
import type { Store } from '../store/types';
import { AUDIT_SCOPES } from '../sync/audit-entry';
import type { Pokes } from '../sync/pokes';
import type { Principal } from '../sync/principal';
import { clientAddress } from '../middleware/proxy';
import { readBody } from './body';

const isManager = (p: Principal) => p.kind === 'console' && (p.role === 'coordinator' || p.role === 'admin');

/** `/api/users`: console users and passwords (A3); coordinators and admins, and anyone for their own password. */
export function userRoutes(store: Store, clock: Clock, pokes: Pokes, http: { trustProxy: number }) {
  const r = new Hono<AuthEnv>();
  // Office users' records and the audit links are the console's only (scope `coordinator`).
  const poke = async () => pokes.publish({ cursor: await store.head(), scopes: AUDIT_SCOPES });
  r.use('*', authenticate(store, clock));
  const actorOf = (p: Principal, sessionToken?: string): UserActor => {
    if (p.kind !== 'console') throw unauthorized('sign in at the console');
    return { actorId: p.userId, deviceId: 'console', sessionToken };
  };
  r.put('/:id/password', async (c) => {
    const p = c.get('principal');
    const actor = { ...actorOf(p, c.get('sessionToken')), address: clientAddress(c, http.trustProxy) };
    const id = c.req.param('id');
    if (id !== actor.actorId && !isManager(p)) throw forbidden('only coordinators and admins set other people’s passwords');
    const { password, oldPassword } = await readBody(c, SetPasswordRequest);
    await setPassword(store, clock, actor, id, password, oldPassword);
    await poke();
    return c.body(null, 204);
  });
  // L1: anyone may pick their own console's language; only managers another person's.
  r.patch('/:id', async (c) => {
    const p = c.get('principal');
    const actor = actorOf(p);
    const id = c.req.param('id');
    if (id !== actor.actorId && !isManager(p)) throw forbidden('only coordinators and admins change other people’s accounts');
    const body = await readBody(c, UpdateUserRequest);
    const user = await updateUser(store, clock, actor, id, body);
    await poke();
    return c.json({ user });
  });
  r.use('*', requireCoordinator());
  r.get('/', async (c) => c.json({ users: await listUsers(store) }));
  r.post('/', async (c) => {
    const body = await readBody(c, CreateUserRequest);
    const user = await createUser(store, clock, actorOf(c.get('principal')), body);
    await poke();
    return c.json({ user }, 201);
  });
  r.post('/:id/disable', async (c) => {
    await setUserActive(store, clock, actorOf(c.get('principal')), c.req.param('id'), false);
    await poke();
    return c.body(null, 204);
  });
  r.post('/:id/enable', async (c) => {
    await setUserActive(store, clock, actorOf(c.get('principal')), c.req.param('id'), true);
    await poke();
    return c.body(null, 204);
  });
  return r;
}
