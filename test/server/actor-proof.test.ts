import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Hold, User, WorkOrder } from '../../shared/schema';
import { signProof } from '../../shared/domain/proof';
import { allOf } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';
import { withProofs } from './proofs';

const SANTOS = 'u-lead-santos'; // lead at st-mill-1, st-lathe-1, st-5axis-1
const NGUYEN = 'u-op-nguyen'; // operator at st-mill-1, st-5axis-1

type Result = { id: number; outcome: string; code?: string };
const results = async (res: Response) => ((await res.json()) as { results: Result[] }).results;

/** Issue 6, hole 2: the actor a tablet names must be backed by a PIN proof made on it (A2, A3). */
describe('actor proofs', () => {
  let h: Harness;
  let mill: string;
  let millJob: WorkOrder;
  const at = () => new Date(h.clock.now()).toISOString();
  const hold = (id: string) => ({ id, workOrderId: millJob.id, kind: 'quality', reason: 'bore out of tolerance' });
  const audit = (id: string) => recordOf<AuditEntry>(h.store, 'audit', id);

  beforeEach(async () => {
    h = await makeHarness();
    ({ token: mill } = await h.enroll(['st-mill-1'], 'Mill tablet'));
    millJob = (await allOf<WorkOrder>(h.store, 'workOrders')).find((w) => w.stationIds.includes('st-mill-1'))!;
  });
  afterEach(() => h.close());

  it("[A2] an operator's tablet cannot place a hold as the lead without the lead's PIN proof", async () => {
    const res = await h.push({ token: mill }, 'mill-client-1', [{ id: 1, name: 'placeHold', args: hold('h-1'), actorId: SANTOS }]);
    expect((await results(res))[0]).toMatchObject({ outcome: 'rejected', code: 'actor-not-verified' });
    expect(await recordOf<Hold>(h.store, 'holds', 'h-1')).toBeUndefined();
  });

  it("[A2] a proof made with the operator's own key does not pass for the lead", async () => {
    const m = { id: 1, name: 'placeHold', args: hold('h-1'), actorId: SANTOS, at: at() };
    const proof = await signProof((await h.store.getProofKey(NGUYEN))!, 'mill-client-1', m);
    const res = await h.push({ token: mill }, 'mill-client-1', [{ ...m, proof } as never]);
    expect((await results(res))[0]).toMatchObject({ outcome: 'rejected', code: 'actor-not-verified' });
  });

  it("[A2] with the lead's proof the hold is placed and audited as PIN-verified on this tablet", async () => {
    const ms = await withProofs(h.store, 'mill-client-1', at(), [{ id: 1, name: 'placeHold', args: hold('h-1'), actorId: SANTOS }]);
    expect(await results(await h.push({ token: mill }, 'mill-client-1', ms))).toEqual([{ id: 1, outcome: 'applied' }]);
    expect(await recordOf<Hold>(h.store, 'holds', 'h-1')).toMatchObject({ placedBy: SANTOS, placedBacking: 'pin' });
    expect(await audit('mill-client-1:1')).toMatchObject({ outcome: 'applied', actorId: SANTOS, backing: 'pin' });
  });

  it('[A2] a proof binds its client, mutation id and args: moved or altered, it fails', async () => {
    const [good] = await withProofs(h.store, 'mill-client-1', at(), [{ id: 1, name: 'placeHold', args: hold('h-1'), actorId: SANTOS }]);
    const r = await results(await h.push({ token: mill }, 'mill-client-2', [{ ...good!, args: hold('h-1') }]));
    expect(r[0]).toMatchObject({ code: 'actor-not-verified' }); // another client id
    const r2 = await results(await h.push({ token: mill }, 'mill-client-1', [{ ...good!, args: { ...hold('h-1'), reason: 'other' } }]));
    expect(r2[0]).toMatchObject({ code: 'actor-not-verified' }); // altered args
    const r3 = await results(await h.push({ token: mill }, 'mill-client-1', [{ ...good!, id: 2, args: hold('h-1') }]));
    expect(r3[0]).toMatchObject({ code: 'actor-not-verified' }); // another mutation id
  });

  it('[A2] an operator without a valid proof (an older app, a PIN changed since) is applied and marked token, never lost', async () => {
    const note = (id: string) => ({ id, stationId: 'st-mill-1', text: 'chip conveyor jammed' });
    const r = await results(
      await h.push({ token: mill }, 'mill-client-1', [
        { id: 1, name: 'addNote', args: note('n-1'), actorId: NGUYEN },
        { id: 2, name: 'addNote', args: note('n-2'), actorId: NGUYEN, proof: 'AAAA' } as never,
      ]),
    );
    expect(r).toEqual([
      { id: 1, outcome: 'applied' },
      { id: 2, outcome: 'applied' },
    ]);
    expect(await audit('mill-client-1:1')).toMatchObject({ backing: 'token' });
    expect(await audit('mill-client-1:2')).toMatchObject({ backing: 'token' });
    // A lead's wrong proof is refused, and the rejection says what backed it.
    const bad = await results(
      await h.push({ token: mill }, 'mill-client-1', [{ id: 3, name: 'placeHold', args: hold('h-9'), actorId: SANTOS, proof: 'AAAA' } as never]),
    );
    expect(bad[0]).toMatchObject({ outcome: 'rejected', code: 'actor-not-verified' });
    expect(await recordOf(h.store, 'rejections', 'mill-client-1:3')).toMatchObject({ code: 'actor-not-verified', backing: 'token' });
    const [proven] = await withProofs(h.store, 'mill-client-1', at(), [{ id: 4, name: 'addNote', args: note('n-3'), actorId: NGUYEN }]);
    expect(await results(await h.push({ token: mill }, 'mill-client-1', [proven!]))).toEqual([{ id: 4, outcome: 'applied' }]);
    expect(await audit('mill-client-1:4')).toMatchObject({ backing: 'pin' });
  });

  it("[A3] the console's acts are marked console", async () => {
    const cookie = await h.signIn();
    const change = { id: 'sc-1', kind: 'note', message: 'Toolbox talk 14:00', stationIds: ['st-weld-1'], workOrderIds: [], requiresAck: false };
    const r = await results(await h.push({ cookie }, 'console-client-1', [{ id: 1, name: 'postScheduleChange', args: change, actorId: 'u-coordinator' }]));
    expect(r).toEqual([{ id: 1, outcome: 'applied' }]);
    expect(await audit('console-client-1:1')).toMatchObject({ backing: 'console' });
    expect(await recordOf(h.store, 'scheduleChanges', 'sc-1')).toMatchObject({ postedBacking: 'console' });
  });

  it('[A2] the tablet roster carries the leads and office roles who hold a PIN, never a proof key', async () => {
    const res = await h.req('/api/sync/pull?clientId=mill-client-1&cursor=0', { token: mill });
    const text = await res.text();
    const users = (JSON.parse(text) as { changes: { entity: string; value: User }[] }).changes.filter((c) => c.entity === 'users').map((c) => c.value);
    const ids = users.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['u-coordinator', 'u-lead-santos', 'u-lead-olsen', NGUYEN]));
    expect(ids).not.toContain('u-op-brennan'); // an operator of another cell
    expect(users.every((u) => u.pin?.proofSalt)).toBe(true);
    for (const id of ids) expect(text).not.toContain((await h.store.getProofKey(id))!);
  });
});
