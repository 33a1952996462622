import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { createApp } from '../../server/app';
import type { Store } from '../../server/store/types';
import { Committer } from '../../server/sync/committer';
import { makeHarness, type Harness } from './harness';

const OP = 'u-op-nguyen'; // operator at st-mill-1

describe('push wiring: the owner check and the committer', () => {
  let h: Harness;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  const note = (id: number) => ({ id, name: 'addNote', args: { id: `n-${id}`, stationId: 'st-mill-1', text: `note ${id}` }, actorId: OP });

  it('[S1] another device gets 403 client-taken on a push, an empty push and a pull, and nothing moves', async () => {
    expect((await h.push({ token }, 'client-a-1', [note(1)])).status).toBe(200);
    const other = await h.enroll(['st-mill-1'], 'Second tablet');
    const head = await h.store.head();
    const answers = [
      await h.push({ token: other.token }, 'client-a-1', [note(2)]),
      await h.push({ token: other.token }, 'client-a-1', []),
      await h.req('/api/sync/pull?clientId=client-a-1&cursor=0', { token: other.token }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'client-taken' });
    }
    expect(await h.store.head()).toBe(head);
    expect((await h.store.getClient('client-a-1'))?.lastMutationId).toBe(1);
  });

  it('[S4] apps given one committer push through it, over the store it was made with', async () => {
    let transactions = 0;
    const counted: Store = { ...h.store, transaction: (fn) => (transactions++, h.store.transaction(fn)) };
    const committer = new Committer(counted, h.clock);
    const apps = [createApp({ store: h.store, clock: h.clock, committer }), createApp({ store: h.store, clock: h.clock, committer })];
    for (const [i, app] of apps.entries()) {
      const res = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocol: PROTOCOL_VERSION,
          clientId: 'client-a-1',
          mutations: [{ ...note(i + 1), at: new Date(h.clock.now()).toISOString() }],
        }),
      });
      expect(await res.json()).toEqual({ lastMutationId: i + 1, results: [{ id: i + 1, outcome: 'applied' }] });
    }
    // Only the committer writes through `counted`: each push took at least one of its transactions.
    expect(transactions).toBeGreaterThanOrEqual(2);
  });
});
