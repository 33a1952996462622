import { Hono } from 'hono';
import type { Clock } from '../../shared/domain/clock';
import {
  CreateReasonRequest,
  CreateShiftRequest,
  CreateStationRequest,
  DepartmentRequest,
  PlantSettingsRequest,
  UpdateReasonRequest,
  UpdateShiftRequest,
  UpdateStationRequest,
} from '../../shared/protocol';
import { authenticate, requireCoordinator, type AuthEnv } from '../auth/middleware';
import type { UserActor } from '../auth/users';
import { unauthorized } from '../errors';
import { createReason, restoreReason, retireReason, updateReason } from '../plant/reasons';
import { live, type PlantWrite } from '../plant/records';
import { readPlantSettings, updatePlantSettings } from '../plant/settings';
import { createShift, removeShift, updateShift } from '../plant/shifts';
import { createDepartment, createStation, renameDepartment, restoreStation, retireStation, updateStation } from '../plant/stations';
import type { Store } from '../store/types';
import type { Pokes } from '../sync/pokes';
import type { Principal } from '../sync/principal';
import { readBody } from './body';

/**
 * `/api/plant`: the plant defines itself after `npm start` (departments, stations, reason codes,
 * shifts); coordinators and admins at the console only. These are plant-wide records (scope `*`),
 * so each write pokes every tablet, which pulls it now.
 */
export function plantRoutes(store: Store, clock: Clock, pokes: Pokes) {
  const r = new Hono<AuthEnv>();
  r.use('*', authenticate(store, clock), requireCoordinator());
  const actor = (c: { get(k: 'principal'): Principal }): UserActor => {
    const p = c.get('principal');
    if (p.kind !== 'console') throw unauthorized('sign in at the console');
    return { actorId: p.userId, deviceId: 'console' };
  };
  const poked = async <T>({ value, scopes }: PlantWrite<T>) => {
    if (scopes.length > 0) pokes.publish({ cursor: await store.head(), scopes });
    return value;
  };
  const id = (c: { req: { param(k: 'id'): string } }) => c.req.param('id');

  r.get('/', async (c) =>
    c.json({
      departments: await live(store, 'departments'),
      stations: await live(store, 'stations'),
      reasonCodes: await live(store, 'reasonCodes'),
      shifts: await live(store, 'shifts'),
    }),
  );

  // A2: the plant's settings (the tablets' idle sign-out time); one record, plant-wide.
  r.get('/settings', async (c) => c.json({ settings: await readPlantSettings(store) }));
  r.put('/settings', async (c) => {
    const body = await readBody(c, PlantSettingsRequest);
    return c.json({ settings: await poked(await updatePlantSettings(store, clock, actor(c), body)) });
  });

  r.post('/departments', async (c) => {
    const body = await readBody(c, DepartmentRequest);
    return c.json({ department: await poked(await createDepartment(store, clock, actor(c), body)) }, 201);
  });
  r.patch('/departments/:id', async (c) => {
    const body = await readBody(c, DepartmentRequest);
    return c.json({ department: await poked(await renameDepartment(store, clock, actor(c), id(c), body)) });
  });

  r.post('/stations', async (c) => {
    const body = await readBody(c, CreateStationRequest);
    return c.json({ station: await poked(await createStation(store, clock, actor(c), body)) }, 201);
  });
  r.patch('/stations/:id', async (c) => {
    const body = await readBody(c, UpdateStationRequest);
    return c.json({ station: await poked(await updateStation(store, clock, actor(c), id(c), body)) });
  });
  r.post('/stations/:id/retire', async (c) => c.json({ station: await poked(await retireStation(store, clock, actor(c), id(c))) }));
  r.post('/stations/:id/restore', async (c) => c.json({ station: await poked(await restoreStation(store, clock, actor(c), id(c))) }));

  r.post('/reasons', async (c) => {
    const body = await readBody(c, CreateReasonRequest);
    return c.json({ reasonCode: await poked(await createReason(store, clock, actor(c), body)) }, 201);
  });
  r.patch('/reasons/:id', async (c) => {
    const body = await readBody(c, UpdateReasonRequest);
    return c.json({ reasonCode: await poked(await updateReason(store, clock, actor(c), id(c), body)) });
  });
  r.post('/reasons/:id/retire', async (c) => c.json({ reasonCode: await poked(await retireReason(store, clock, actor(c), id(c))) }));
  r.post('/reasons/:id/restore', async (c) => c.json({ reasonCode: await poked(await restoreReason(store, clock, actor(c), id(c))) }));

  r.post('/shifts', async (c) => {
    const body = await readBody(c, CreateShiftRequest);
    return c.json({ shift: await poked(await createShift(store, clock, actor(c), body)) }, 201);
  });
  r.patch('/shifts/:id', async (c) => {
    const body = await readBody(c, UpdateShiftRequest);
    return c.json({ shift: await poked(await updateShift(store, clock, actor(c), id(c), body)) });
  });
  r.delete('/shifts/:id', async (c) => {
    await poked(await removeShift(store, clock, actor(c), id(c)));
    return c.body(null, 204);
  });
  return r;
}
