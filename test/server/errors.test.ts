import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/protocol';
import { createApp } from '../../server/app';
import { createPokes, pokeConcerns } from '../../server/sync/pokes';
import { makeHarness, type Harness } from './harness';

describe('error mapping', () => {
  let h: Harness;
  let token: string;
  let cookie: string;
  beforeEach(async () => {
    h = await makeHarness({ seed: false });
    cookie = await h.signIn();
    await h.store.transaction(async (tx) => {
      const { toRecordWrite } = await import('../../server/sync/records');
      await tx.putRecordsUnaudited([toRecordWrite('stations', { id: 'st-mill-1', name: 'Mill', departmentId: 'd', line: '' }, await tx.nextVersion(), 'x')]);
    });
    ({ token } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  const bad: [string, string, string | undefined][] = [
    ['POST', '/api/sync/push', ''],
    ['POST', '/api/sync/push', 'null'],
    ['POST', '/api/sync/push', '[]'],
    ['POST', '/api/sync/push', '{}'],
    ['POST', '/api/sync/push', '{"protocol":1,"clientId":"client-a-1","mutations":[{"id":0}]}'],
    ['POST', '/api/sync/push', '{"protocol":1,"clientId":"client-a-1","mutations":[{"id":1,"name":"x","actorId":"u","at":"yesterday"}]}'],
    ['POST', '/api/sync/push', '{"protocol":"1","clientId":"client-a-1","mutations":[]}'],
    ['POST', '/api/session', '{"username":5}'],
    ['POST', '/api/devices', '{"name":"x","stationIds":[]}'],
    ['POST', '/api/devices', '"just a string"'],
    ['POST', '/api/devices/enroll', '{"code":"ABC"}'],
    ['GET', '/api/sync/pull?clientId=client-a-1&cursor=1.5', undefined],
    ['GET', '/%E0%A4%A', undefined],
    ['DELETE', '/api/devices/nope', undefined],
  ];

  it.each(bad)('[S5] %s %s %s is a 4xx with a known code, never a 500', async (method, path, raw) => {
    const auth = path.startsWith('/api/devices') || path.startsWith('/api/session') ? { cookie } : { token };
    const res = await h.req(path, { method, raw, ...auth });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
  });

  it('a real bug is a 500 internal-error, in the same JSON shape', async () => {
    const broken = { ...h.store, head: () => Promise.reject(new Error('disk on fire')) };
    const app = createApp({ store: broken, clock: h.clock, pokes: createPokes() });
    const err = console.error;
    console.error = () => {};
    try {
      const res = await app.request('/api/sync/pull?clientId=client-a-1&cursor=0', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'internal-error' });
    } finally {
      console.error = err;
    }
  });

  it('[S8] a poke reaches the devices whose scopes it touched, and the console', () => {
    const poke = { cursor: 9, scopes: ['st-mill-1', 'device:d1'] };
    expect(pokeConcerns(poke, ['*', 'st-mill-1', 'device:d2'])).toBe(true);
    expect(pokeConcerns(poke, ['*', 'st-lathe-1', 'device:d1'])).toBe(true);
    expect(pokeConcerns(poke, ['*', 'st-lathe-1', 'device:d2'])).toBe(false);
    expect(pokeConcerns({ cursor: 9, scopes: ['*'] }, ['*', 'st-lathe-1'])).toBe(true);
    expect(pokeConcerns(poke, 'all')).toBe(true);
  });
});
