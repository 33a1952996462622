import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditVerifyResponse,
  CreateDeviceResponse,
  DeviceListResponse,
  EnrollResponse,
  DepartmentResponse,
  HealthResponse,
  PlantResponse,
  PokeData,
  ReasonResponse,
  ShiftResponse,
  StationResponse,
  PullResponse,
  PushResponse,
  SessionResponse,
} from '../../shared/protocol';
import { makeHarness, type Harness } from './harness';

/** Every body the server answers with is the one shared/protocol declares (STYLE habit 1). */
describe('server answers match shared/protocol', () => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
  });
  afterAll(async () => {
    await h.close();
  });
  const json = async (res: Response, status = 200) => {
    expect(res.status).toBe(status);
    return res.json();
  };

  it('POST and GET /api/session answer a SessionResponse', async () => {
    const signIn = await h.req('/api/session', { body: { username: 'coordinator', password: 'coord-pass-1' } });
    expect(SessionResponse.parse(await json(signIn)).user.username).toBe('coordinator');
    expect(SessionResponse.parse(await json(await h.req('/api/session', { cookie }))).user.role).toBe('coordinator');
  });

  it('the plant answers: the whole plant (the demo seed too), and each write its record', async () => {
    const plant = PlantResponse.parse(await json(await h.req('/api/plant', { cookie })));
    expect(plant.stations.length).toBeGreaterThan(0);
    expect(plant.reasonCodes.length).toBeGreaterThan(0);
    const dep = DepartmentResponse.parse(await json(await h.req('/api/plant/departments', { body: { name: 'Paint' }, cookie }), 201)).department;
    StationResponse.parse(await json(await h.req('/api/plant/stations', { body: { name: 'Paint booth', departmentId: dep.id }, cookie }), 201));
    ReasonResponse.parse(await json(await h.req('/api/plant/reasons', { body: { kind: 'scrap', code: 'RUN', label: 'Paint run' }, cookie }), 201));
    ShiftResponse.parse(
      await json(await h.req('/api/plant/shifts', { body: { name: 'Weekend', start: '07:00', end: '19:00', plannedBreakMinutes: 60 }, cookie }), 201),
    );
  });

  it('the device answers: create, list, enroll', async () => {
    const created = CreateDeviceResponse.parse(await json(await h.req('/api/devices', { body: { name: 'T', stationIds: ['st-mill-1'] }, cookie }), 201));
    const list = DeviceListResponse.parse(await json(await h.req('/api/devices', { cookie })));
    expect(list.devices.map((d) => d.id)).toContain(created.deviceId);
    expect(Object.keys(list.devices[0]!)).not.toContain('tokenHash');
    const enrolled = EnrollResponse.parse(await json(await h.req('/api/devices/enroll', { body: { code: created.enrollmentCode } })));
    expect(enrolled.deviceId).toBe(created.deviceId);
  });

  it('push, pull and the poke answer PushResponse, PullResponse and PokeData', async () => {
    const { token } = await h.enroll(['st-mill-1']);
    const clientId = h.newClientId();
    PushResponse.parse(
      await json(
        await h.push({ token }, clientId, [{ id: 1, name: 'addNote', actorId: 'u-op-nguyen', args: { id: 'n-proto', stationId: 'st-mill-1', text: 'hi' } }]),
      ),
    );
    PullResponse.parse(await json(await h.req(`/api/sync/pull?clientId=${clientId}&cursor=0`, { token })));
    const res = await h.req('/api/sync/events', { token });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = first
      .split('\n')
      .find((l) => l.startsWith('data:'))!
      .slice(5)
      .trim();
    expect(PokeData.parse(JSON.parse(data)).cursor).toBeGreaterThan(0);
  });

  it('GET /api/audit/verify answers an AuditVerifyResponse, /api/health a HealthResponse', async () => {
    expect(AuditVerifyResponse.parse(await json(await h.req('/api/audit/verify', { cookie }))).ok).toBe(true);
    HealthResponse.parse(await json(await h.req('/api/health')));
  });
});
