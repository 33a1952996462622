import { Hono } from 'hono';
import type { Clock } from '../../shared/domain/clock';
import { CreateDeviceRequest, EnrollRequest, type CreateDeviceResponse, type DeviceListResponse, type EnrollResponse } from '../../shared/protocol';
import { createDevice, enrollDevice, publicDevice, reissueCode, revokeDevice } from '../auth/devices';
import { authenticate, requireCoordinator, type AuthEnv } from '../auth/middleware';
import type { Store } from '../store/types';
import { clientAddress } from '../middleware/proxy';
import type { Revocations } from '../sync/pokes';
import { readBody } from './body';

/** `/api/devices`: enrollment (limited per address, X2) and revocation (A1). */
export function deviceRoutes(store: Store, clock: Clock, http: { trustProxy: number; enrollmentTtlMs?: number }, revocations?: Revocations) {
  const r = new Hono<AuthEnv>();
  // Enrollment is the one route a device reaches without a token: the code is its credential.
  r.post('/enroll', async (c) => {
    const { code, previous } = await readBody(c, EnrollRequest);
    return c.json((await enrollDevice(store, clock, code, clientAddress(c, http.trustProxy), previous)) satisfies EnrollResponse);
  });
  r.use('*', authenticate(store, clock), requireCoordinator());
  r.get('/', async (c) => c.json({ devices: (await store.listDevices()).map(publicDevice) } satisfies DeviceListResponse));
  r.post('/', async (c) => {
    const { name, stationIds } = await readBody(c, CreateDeviceRequest);
    return c.json((await createDevice(store, clock, name, stationIds, http.enrollmentTtlMs)) satisfies CreateDeviceResponse, 201);
  });
  r.post('/:id/code', async (c) => c.json((await reissueCode(store, clock, c.req.param('id'), http.enrollmentTtlMs)) satisfies CreateDeviceResponse));
  r.delete('/:id', async (c) => {
    await revokeDevice(store, c.req.param('id'), revocations);
    return c.body(null, 204);
  });
  return r;
}
