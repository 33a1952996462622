import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { createApp } from '../../server/app';
import type { AuditLink, Store, StoreWriter } from '../../server/store/types';
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

  it('[A4][S4] a mutation whose audit link went missing is refused by the store; a push beside it still commits', async () => {
    // A writer that loses the links of one client's mutations: the bug the store's audit rule stops.
    const losing = (tx: StoreWriter): StoreWriter =>
      new Proxy(tx, {
        get(target, key) {
          if (key === 'appendAudit') return async (l: AuditLink) => (l.id.startsWith('client-b-1:') ? undefined : target.appendAudit(l));
          const v = Reflect.get(target, key) as unknown;
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    const broken: Store = { ...h.store, transaction: (fn) => h.store.transaction((tx) => fn(losing(tx))) };
    const app = createApp({ store: h.store, clock: h.clock, committer: new Committer(broken, h.clock) });
    const push = (clientId: string, id: number) =>
      app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId, mutations: [{ ...note(id), at: new Date(h.clock.now()).toISOString() }] }),
      });
    const head = await h.store.head();
    const [a, b] = await Promise.all([push('client-a-1', 1), push('client-b-1', 1)]);
    expect(await a.json()).toEqual({ lastMutationId: 1, results: [{ id: 1, outcome: 'applied' }] });
    expect(b.status).toBe(500);
    expect(await b.json()).toMatchObject({ code: 'internal-error' });
    // Nothing of the refused mutation: no note, no lastMutationId, no version; the other one is whole.
    expect(await h.store.head()).toBe(head + 1);
    expect(await h.store.getClient('client-b-1')).toBeUndefined();
    expect((await h.store.getClient('client-a-1'))?.lastMutationId).toBe(1);
    expect(await h.store.getRecord('audit', 'client-a-1:1')).toBeDefined();
    expect(await h.store.countRecords('notes')).toBe(1);
  });
});
