import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/protocol';
import type { AuditEntry, Operation, Rejection } from '../../shared/schema';
import { makeHarness, STORES, recordOf, type Harness } from './harness';
import { pendingOpAt } from './fixtures';
import { verifyAuditChain } from '../../server/audit/chain';

const OP = 'u-op-nguyen'; // operator at st-mill-1 and st-5axis-1

describe.each(STORES)('push (%s)', (store) => {
  let h: Harness;
  let token: string;
  let deviceId: string;
  beforeEach(async () => {
    h = await makeHarness({ store });
    ({ token, deviceId } = await h.enroll(['st-mill-1']));
  });
  afterEach(() => h.close());

  it('[S4] applies a mutation and answers only after commit, with lastMutationId', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP }]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ lastMutationId: 1, results: [{ id: 1, outcome: 'applied' }] });
    const stored = await recordOf<Operation>(h.store, 'operations', op.id);
    expect(stored?.status).toBe('running');
    expect(stored?.version).toBe(await h.store.head());
    expect((await h.store.getClient('client-a-1'))?.lastMutationId).toBe(1);
  });

  it('[S2] a replayed push applies nothing twice', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const muts = [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-1', operationId: op.id, good: 3, scrap: 0 }, actorId: OP },
    ];
    expect((await h.push({ token }, 'client-a-1', muts)).status).toBe(200);
    const records = await h.store.countRecords();
    const head = await h.store.head();
    const replay = await h.push({ token }, 'client-a-1', muts);
    expect(await replay.json()).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, outcome: 'applied' },
        { id: 2, outcome: 'applied' },
      ],
    });
    expect(await h.store.countRecords()).toBe(records);
    expect(await h.store.head()).toBe(head);
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.good).toBe(3);
  });

  it('[S2] the same push sent twice at once (a retry racing the original) applies once', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const muts = [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
      { id: 2, name: 'reportQuantity', args: { id: 'qr-1', operationId: op.id, good: 5, scrap: 0 }, actorId: OP },
      { id: 3, name: 'reportQuantity', args: { id: 'qr-2', operationId: op.id, good: 2, scrap: 0 }, actorId: OP },
    ];
    const [a, b] = await Promise.all([h.push({ token }, 'client-a-1', muts), h.push({ token }, 'client-a-1', muts)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await a.json()).lastMutationId).toBe(3);
    expect((await b.json()).lastMutationId).toBe(3);
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.good).toBe(7);
    expect(await h.store.countRecords('audit')).toBe(3);
  });

  it('[S4] concurrent pushes of several clients share transactions; each mutation still lands whole', async () => {
    const note = (id: number, c: string) => ({ id, name: 'addNote', args: { id: `n-${c}-${id}`, stationId: 'st-mill-1', text: `${c} ${id}` }, actorId: OP });
    const clients = ['client-a-1', 'client-b-1', 'client-c-1'];
    const heads = await Promise.all(clients.map(() => h.store.head()));
    const res = await Promise.all(
      clients.map((c) =>
        h.push(
          { token },
          c,
          Array.from({ length: 30 }, (_, i) => note(i + 1, c)),
        ),
      ),
    );
    for (const r of res) expect((await r.json()).lastMutationId).toBe(30);
    expect(await h.store.head()).toBe(heads[0]! + 90);
    for (const c of clients) {
      expect((await h.store.getClient(c))?.lastMutationId).toBe(30);
      const audit = await recordOf<AuditEntry>(h.store, 'audit', `${c}:30`);
      expect(audit?.outcome).toBe('applied');
      // The note and its audit record carry the same version: written by one mutation.
      expect((await recordOf(h.store, 'notes', `n-${c}-30`))?.version).toBe(audit?.version);
    }
    expect((await verifyAuditChain(h.store)).ok).toBe(true);
  });

  it('[S2] a replay reports the stored outcome of a rejected mutation', async () => {
    const m = [{ id: 1, name: 'noSuchThing', args: {}, actorId: OP }];
    await h.push({ token }, 'client-a-1', m);
    const body = await (await h.push({ token }, 'client-a-1', m)).json();
    expect(body.results).toEqual([{ id: 1, outcome: 'rejected', code: 'unknown-mutation' }]);
  });

  it('[S3] a gap in mutation ids is 409 mutation-gap and applies nothing', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const head = await h.store.head();
    const res = await h.push({ token }, 'client-a-1', [{ id: 2, name: 'startOperation', args: { operationId: op.id }, actorId: OP }]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'mutation-gap', lastMutationId: 0 });
    expect(await h.store.head()).toBe(head);
  });

  it('[S3] a gap later in the batch applies none of the batch', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [
      { id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
      { id: 3, name: 'pauseOperation', args: { operationId: op.id }, actorId: OP },
    ]);
    expect(res.status).toBe(409);
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.status).toBe('pending');
    expect(await h.store.getClient('client-a-1')).toBeUndefined();
  });

  it('[S5] an unknown mutation is rejected, recorded, and still advances lastMutationId', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    const res = await h.push({ token }, 'client-a-1', [
      { id: 1, name: 'launchRocket', args: {}, actorId: OP },
      { id: 2, name: 'startOperation', args: { operationId: op.id }, actorId: OP },
    ]);
    const body = await res.json();
    expect(body.lastMutationId).toBe(2);
    expect(body.results[0]).toMatchObject({ id: 1, outcome: 'rejected', code: 'unknown-mutation' });
    expect(body.results[1]).toEqual({ id: 2, outcome: 'applied' });
    const rej = await recordOf<Rejection>(h.store, 'rejections', 'client-a-1:1');
    expect(rej).toMatchObject({ mutation: 'launchRocket', code: 'unknown-mutation', deviceId, actorId: OP });
  });

  it('[S5] args failing the schema are rejected invalid-args, not a 4xx', async () => {
    const res = await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: 42 }, actorId: OP }]);
    expect(res.status).toBe(200);
    expect((await res.json()).results[0]).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
  });

  it('[S5] malformed JSON is 400 malformed-json', async () => {
    const res = await h.req('/api/sync/push', { token, raw: '{"protocol":1,' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed-json' });
  });

  it('[S5] a body failing the envelope schema is 400 invalid-request with issues', async () => {
    const res = await h.req('/api/sync/push', { token, body: { protocol: 1, clientId: 'x', mutations: 'nope' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('invalid-request');
    expect(body.issues.length).toBeGreaterThan(0);
  });

  it('[S5] a body over MAX_BODY_BYTES is 413 body-too-large', async () => {
    const raw = JSON.stringify({ protocol: 1, clientId: 'client-a-1', mutations: [], pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await h.req('/api/sync/push', { token, raw });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'body-too-large' });
  });

  it('[S9] a client on another protocol version gets 400 protocol-version', async () => {
    const res = await h.req('/api/sync/push', { token, body: { protocol: 0, clientId: 'client-a-1', mutations: [] } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'protocol-version' });
  });

  it('[S1] a client id bound to one device is 403 client-taken for another', async () => {
    const other = await h.enroll(['st-mill-1'], 'Second tablet');
    await h.push({ token }, 'client-a-1', [{ id: 1, name: 'launchRocket', actorId: OP }]);
    const res = await h.push({ token: other.token }, 'client-a-1', [{ id: 2, name: 'launchRocket', actorId: OP }]);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'client-taken' });
  });

  it('[S4] a push that applied something pokes with the new head', async () => {
    const op = await pendingOpAt(h.store, 'st-mill-1');
    await h.push({ token }, 'client-a-1', [{ id: 1, name: 'startOperation', args: { operationId: op.id }, actorId: OP }]);
    expect(h.pokesSeen).toHaveLength(1);
    expect(h.pokesSeen[0]!.cursor).toBe(await h.store.head());
    expect(h.pokesSeen[0]!.scopes).toContain('st-mill-1');
  });

  it('[S10] device time ahead, behind or late is flagged in the audit entry', async () => {
    const now = h.clock.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    await h.push({ token }, 'client-a-1', [
      { id: 1, name: 'launchRocket', actorId: OP, at: iso(10 * 60_000) },
      { id: 2, name: 'launchRocket', actorId: OP, at: iso(-3 * 3_600_000) },
      { id: 3, name: 'launchRocket', actorId: OP, at: iso(-30 * 86_400_000) },
      { id: 4, name: 'launchRocket', actorId: OP, at: iso(0) },
    ]);
    const flags = async (id: number) => (await recordOf<AuditEntry>(h.store, 'audit', `client-a-1:${id}`))?.flags;
    expect(await flags(1)).toEqual(['clock-ahead']);
    expect(await flags(2)).toEqual(['late']);
    expect(await flags(3)).toEqual(['clock-behind']);
    expect(await flags(4)).toEqual([]);
    const entry = await recordOf<AuditEntry>(h.store, 'audit', 'client-a-1:1');
    expect(entry?.at).toBe(iso(10 * 60_000));
    expect(entry?.serverAt).toBe(new Date(now).toISOString());
  });
});
