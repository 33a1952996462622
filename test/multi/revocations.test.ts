import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { seedDemoPlant } from '../../server/seed/demo';
import { createPostgresStore } from '../../server/store/postgres';
import { createPostgresPokes } from '../../server/store/postgres/pokes';
import { createPostgresRevocations } from '../../server/store/postgres/revocations';
import { COORD_PASSWORD, fakeClock } from '../server/harness';
import { createTestDatabase } from '../support/postgres';
import { sse, type SseReader } from '../support/sse';

/** An hour: no heartbeat re-check comes during the test, so only a notification can end a stream. */
const NO_HEARTBEAT_MS = 3_600_000;

/** One server instance in-process on the shared database, with the pokes and revocations main.ts gives it. */
async function instance(url: string) {
  const store = await createPostgresStore({ url });
  const pokes = createPostgresPokes({ url });
  const revocations = createPostgresRevocations({ url });
  await Promise.all([pokes.ready, revocations.ready]);
  const app = createApp({ store, clock: fakeClock(), pokes, revocations, config: { heartbeatMs: NO_HEARTBEAT_MS } });
  const req = (path: string, init: { body?: unknown; token?: string; cookie?: string; method?: string } = {}) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    store,
    req,
    async close() {
      await Promise.all([pokes.close(), revocations.close()]);
      await store.close();
    },
  };
}

describe('revocations across instances (A1, D3)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('[A1][D3] a device revoked through instance A has its event stream on instance B closed at once', async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const a = await instance(db.url);
    cleanup.push(() => a.close());
    const b = await instance(db.url);
    cleanup.push(() => b.close());
    await ensureCoordinator(a.store, fakeClock(), COORD_PASSWORD);
    await seedDemoPlant(a.store, { clock: fakeClock(), pinIterations: 1 });

    const signIn = await a.req('/api/session', { body: { username: 'coordinator', password: COORD_PASSWORD } });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const enroll = async (name: string) => {
      const { enrollmentCode } = (await (await a.req('/api/devices', { body: { name, stationIds: ['st-mill-1'] }, cookie })).json()) as {
        enrollmentCode: string;
      };
      return (await (await a.req('/api/devices/enroll', { body: { code: enrollmentCode } })).json()) as { deviceId: string; token: string };
    };
    const revoked = await enroll('Revoked tablet');
    const kept = await enroll('Kept tablet');

    const open = async (token: string): Promise<SseReader> => {
      const res = await b.req('/api/sync/events', { token });
      expect(res.status).toBe(200);
      const s = sse(res);
      cleanup.push(() => s.cancel());
      expect((await s.next())?.event).toBe('poke'); // the poke on connect
      return s;
    };
    const onB = await open(revoked.token);
    const keptOnB = await open(kept.token);

    expect((await a.req(`/api/devices/${revoked.deviceId}`, { method: 'DELETE', cookie })).status).toBeLessThan(300);
    // Instance B heard it from A through PostgreSQL: the stream says why and ends.
    expect(await onB.next()).toEqual({ event: 'closed', data: JSON.stringify({ code: 'unauthorized' }) });
    expect(await onB.next()).toBeNull();

    // The other device's stream on B is untouched: it still hears the pokes of A's commits.
    const { token: pusher } = await enroll('Pusher');
    const push = await a.req('/api/sync/push', {
      token: pusher,
      body: {
        protocol: 1,
        clientId: 'client-kept-1',
        mutations: [
          { id: 1, name: 'addNote', args: { id: 'n-kept', stationId: 'st-mill-1', text: 'still here' }, actorId: 'u-op-nguyen', at: new Date().toISOString() },
        ],
      },
    });
    expect(push.status, await push.clone().text()).toBe(200);
    expect((await keptOnB.next())?.event).toBe('poke');
  });
});
