import { afterEach, describe, expect, it } from 'vitest';
import { sse } from '../support/sse';
import { makeHarness, type Harness } from './harness';

const COORD = 'u-coordinator';

type Stream = ReturnType<typeof sse>;

/**
 * Reads until the server ends the stream; gives up (returns what it saw, without `end`) once
 * `limit` pokes or heartbeats arrived, so a stream the server never ends fails the test, not hangs.
 */
async function readToEnd(s: Stream, limit = 3) {
  const seen: string[] = [];
  for (let n = 0; n < limit; ) {
    const e = await s.next();
    if (!e) return [...seen, 'end'];
    seen.push(e.event === 'closed' ? `closed ${e.data}` : e.event);
    if (e.event === 'poke' || e.event === 'comment') n++;
  }
  await s.cancel();
  return seen;
}

describe('event stream revocation and limits (issue 6)', () => {
  let h: Harness;
  const open: Stream[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.cancel()));
    await h.close();
  });
  const connect = async (token: string) => {
    const res = await h.req('/api/sync/events', { token });
    expect(res.status).toBe(200);
    const s = sse(res);
    open.push(s);
    expect((await s.next())?.event).toBe('poke'); // the poke on connect
    return s;
  };

  it('[A1] revoking a device ends its open event stream: no poke reaches it afterwards', async () => {
    h = await makeHarness();
    const { token, deviceId } = await h.enroll(['st-mill-1']);
    const other = await h.enroll(['st-mill-1'], 'Other tablet');
    const s = await connect(token);
    const kept = await connect(other.token);
    const cookie = await h.signIn();
    expect((await h.req(`/api/devices/${deviceId}`, { method: 'DELETE', cookie })).status).toBe(204);
    // A plant change that concerns st-mill-1: the revoked stream must not hear of it.
    const change = { id: 'sc-1', kind: 'note', message: 'after the revocation', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false };
    const pushed = await h.push({ cookie }, 'console-client-1', [{ id: 1, name: 'postScheduleChange', args: change, actorId: COORD }]);
    expect((await pushed.json()).results).toEqual([{ id: 1, outcome: 'applied' }]);
    expect(await readToEnd(s, 1)).toEqual(['closed {"code":"unauthorized"}', 'end']);
    // The other tablet's stream is untouched and gets the poke.
    expect((await kept.next())?.event).toBe('poke');
  });

  it('[A1] a token revoked where the stream registry cannot hear it (another instance) ends the stream at the next heartbeat', async () => {
    h = await makeHarness({ config: { heartbeatMs: 1 } });
    const { token, deviceId } = await h.enroll(['st-mill-1']);
    const s = await connect(token);
    // Straight in the store, as another instance would: no signal reaches this one.
    await h.store.transaction((tx) => tx.updateDevice(deviceId, { revoked: true }));
    expect(await readToEnd(s)).toEqual(['closed {"code":"unauthorized"}', 'end']);
  });

  it("a signed-out console session's stream ends at the next heartbeat", async () => {
    h = await makeHarness({ config: { heartbeatMs: 1 } });
    const cookie = await h.signIn();
    const res = await h.req('/api/sync/events', { cookie });
    const s = sse(res);
    open.push(s);
    expect((await s.next())?.event).toBe('poke');
    expect((await h.req('/api/session', { method: 'DELETE', cookie })).status).toBeLessThan(300);
    expect(await readToEnd(s)).toEqual(['closed {"code":"unauthorized"}', 'end']);
  });

  it('a device holds at most maxStreamsPerDevice open streams: a new one closes the oldest', async () => {
    h = await makeHarness({ config: { maxStreamsPerDevice: 2 } });
    const { token } = await h.enroll(['st-mill-1']);
    const first = await connect(token);
    const second = await connect(token);
    await connect(token);
    expect(await readToEnd(first)).toEqual(['closed {"code":"too-many-streams"}', 'end']);
    // The second is still open: a commit that concerns it pokes it.
    const cookie = await h.signIn();
    const change = { id: 'sc-2', kind: 'note', message: 'still here', stationIds: ['st-mill-1'], workOrderIds: [], requiresAck: false };
    await h.push({ cookie }, 'console-client-2', [{ id: 1, name: 'postScheduleChange', args: change, actorId: COORD }]);
    expect((await second.next())?.event).toBe('poke');
  });
});
