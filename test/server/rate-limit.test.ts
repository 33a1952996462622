import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_RATE_LIMIT } from '../../server/sync/rate-limit';
import { makeHarness, type Harness } from './harness';

const OP = 'u-op-nguyen';
const notes = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: from + i,
    name: 'addNote',
    args: { id: `n-${from + i}`, stationId: 'st-mill-1', text: `n ${from + i}` },
    actorId: OP,
  }));

describe('push rate limit (issue 6)', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a tablet flushes 2,000 offline mutations in 500-mutation pushes; past the budget it gets 429 rate-limited with Retry-After, and the retry loses nothing', async () => {
    h = await makeHarness();
    const { token } = await h.enroll(['st-mill-1']);
    // 2,000 of them, and more: the whole default budget.
    const pushes = DEFAULT_PUSH_RATE_LIMIT.burst / 500;
    expect(pushes).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < pushes; i++) expect((await h.push({ token }, 'client-flush-1', notes(1 + i * 500, 500))).status).toBe(200);
    const over = await h.push({ token }, 'client-flush-1', notes(pushes * 500 + 1, 500));
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ code: 'rate-limited' });
    const wait = Number(over.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect((await h.store.getClient('client-flush-1'))?.lastMutationId).toBe(pushes * 500);
    h.clock.advance(wait * 1000);
    const retry = await h.push({ token }, 'client-flush-1', notes(pushes * 500 + 1, 500));
    expect(retry.status).toBe(200);
    expect((await retry.json()).lastMutationId).toBe(pushes * 500 + 500);
  });

  it("the benchmark's pace (60 one-mutation pushes a second per tablet, sustained) is never limited", async () => {
    h = await makeHarness();
    const { token } = await h.enroll(['st-mill-1']);
    for (let i = 1; i <= 600; i++) {
      const res = await h.push({ token }, 'client-pace-1', notes(i, 1));
      expect(res.status).toBe(200);
      h.clock.advance(1000 / 60);
    }
  });

  it('the budget is per device: one tablet spending it does not limit another', async () => {
    h = await makeHarness({ config: { pushRateLimit: { burst: 3, perSecond: 1 } } });
    const a = await h.enroll(['st-mill-1'], 'A');
    const b = await h.enroll(['st-mill-1'], 'B');
    for (let i = 1; i <= 3; i++) expect((await h.push({ token: a.token }, 'client-a-0001', notes(i, 1))).status).toBe(200);
    expect((await h.push({ token: a.token }, 'client-a-0001', notes(4, 1))).status).toBe(429);
    expect((await h.push({ token: b.token }, 'client-b-0001', notes(1, 1))).status).toBe(200);
  });

  it('the limit is configurable and can be turned off', async () => {
    h = await makeHarness({ config: { pushRateLimit: false } });
    const { token } = await h.enroll(['st-mill-1']);
    for (let i = 0; i < 12; i++) expect((await h.push({ token }, 'client-off-1', notes(1 + i * 500, 500))).status).toBe(200);
  });
});
