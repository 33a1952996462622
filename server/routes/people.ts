import { Hono } from 'hono';
import type { Clock } from '../../shared/domain/clock';
import { CreatePersonRequest, SetPinRequest, UpdatePersonRequest } from '../../shared/protocol';
import { authenticate, requireCoordinator, type AuthEnv } from '../auth/middleware';
import { createPerson, listPeople, setPersonActive, setPin, updatePerson, type PersonWrite } from '../auth/people';
import type { UserActor } from '../auth/users';
import { unauthorized } from '../errors';
import type { Store } from '../store/types';
import type { Pokes } from '../sync/pokes';
import type { Principal } from '../sync/principal';
import { readBody } from './body';

/**
 * `/api/people`: operators and leads, who sign in at tablets with badge + PIN (A2); coordinators
 * and admins at the console only. Each write pokes the tablets whose roster it changed, so they
 * pull it now rather than at their next timer.
 */
export function peopleRoutes(store: Store, clock: Clock, pokes: Pokes) {
  const r = new Hono<AuthEnv>();
  r.use('*', authenticate(store, clock), requireCoordinator());
  const actor = (c: { get(k: 'principal'): Principal }): UserActor => {
    const p = c.get('principal');
    if (p.kind !== 'console') throw unauthorized('sign in at the console');
    return { actorId: p.userId, deviceId: 'console' };
  };
  const poked = async ({ person, scopes }: PersonWrite) => {
    if (scopes.length > 0) pokes.publish({ cursor: await store.head(), scopes });
    return person;
  };
  r.get('/', async (c) => c.json({ people: await listPeople(store) }));
  r.post('/', async (c) => {
    const body = await readBody(c, CreatePersonRequest);
    return c.json({ person: await poked(await createPerson(store, clock, actor(c), body)) }, 201);
  });
  r.patch('/:id', async (c) => {
    const body = await readBody(c, UpdatePersonRequest);
    return c.json({ person: await poked(await updatePerson(store, clock, actor(c), c.req.param('id'), body)) });
  });
  r.put('/:id/pin', async (c) => {
    const { pin } = await readBody(c, SetPinRequest);
    await poked(await setPin(store, clock, actor(c), c.req.param('id'), pin));
    return c.body(null, 204);
  });
  r.post('/:id/disable', async (c) => {
    await poked(await setPersonActive(store, clock, actor(c), c.req.param('id'), false));
    return c.body(null, 204);
  });
  r.post('/:id/enable', async (c) => {
    await poked(await setPersonActive(store, clock, actor(c), c.req.param('id'), true));
    return c.body(null, 204);
  });
  return r;
}
