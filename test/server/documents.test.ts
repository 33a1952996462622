import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Conflict, Document, Operation, ScheduleChange, Traveler, WorkOrder } from '../../shared/schema';
import { COORDINATOR_USER_ID } from '../../server/auth/bootstrap';
import { allOf } from './fixtures';
import { makeHarness, recordOf, type Harness } from './harness';

const OPERATOR = 'u-op-nguyen'; // works at st-mill-1

/**
 * T1–T4 through the real server on a SQLite file: the office uploads a file, creates and releases
 * its document and a new traveler revision; the stations hear of it and receive both; a start made
 * on the old revision still applies and raises a conflict for the coordinator and the station.
 */
describe('[T1][T4] releasing a traveler revision', () => {
  let h: Harness;
  let cookie: string;
  let mill: string;
  let wo: WorkOrder;
  let op: Operation;
  let before: Traveler;
  let pushed = 0;
  const CONSOLE_CLIENT = 'console-docs-1';

  const consolePush = async (name: string, args: Record<string, unknown>) => {
    const res = await h.push({ cookie }, CONSOLE_CLIENT, [{ id: ++pushed, name, args, actorId: COORDINATOR_USER_ID }]);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { outcome: string; code?: string }[] }).results[0]!;
  };
  const pullAll = async (auth: { token?: string; cookie?: string }, clientId: string) => {
    const changes: { entity: string; id: string; value: Record<string, unknown> }[] = [];
    for (let cursor = 0; ; ) {
      const page = (await (await h.req(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, auth)).json()) as {
        cursor: number;
        more: boolean;
        changes: typeof changes;
      };
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return changes;
    }
  };

  beforeAll(async () => {
    h = await makeHarness();
    cookie = await h.signIn();
    mill = (await h.enroll(['st-mill-1'], 'Mill tablet')).token;
    // A job of the demo not started yet whose routing runs at the mill.
    const ops = await allOf<Operation>(h.store, 'operations');
    const travelers = await allOf<Traveler>(h.store, 'travelers');
    op = ops.find((o) => o.stationId === 'st-mill-1' && ops.filter((x) => x.workOrderId === o.workOrderId).every((x) => x.status === 'pending'))!;
    wo = (await recordOf<WorkOrder>(h.store, 'workOrders', op.workOrderId))!;
    before = travelers.find((t) => t.workOrderId === wo.id && t.status === 'released')!;
  });
  afterAll(() => h.close());

  it('uploads the new drawing, creates and releases it, then releases the traveler that lists it', async () => {
    const bytes = new TextEncoder().encode(`# ${wo.number} deviation\n\nUse the rev B fixture for op ${op.seq}.\n`);
    const up = await h.app.request('/api/blobs', { method: 'PUT', headers: { cookie, 'content-type': 'text/markdown' }, body: bytes });
    const blob = (await up.json()) as { sha256: string; bytes: number; contentType: string };
    expect(blob.contentType).toBe('text/markdown');
    const doc = { id: 'doc-dev-1', number: `DEV-${wo.number}`, title: 'Fixture deviation', revision: 'A', ...blob };
    expect(await consolePush('createDocument', { ...doc, contentType: blob.contentType })).toEqual({ id: 1, outcome: 'applied' });
    expect((await recordOf<Document>(h.store, 'documents', 'doc-dev-1'))?.status).toBe('draft');
    // A draft cannot travel yet.
    const early = await consolePush('releaseTraveler', {
      id: 'trv-early',
      workOrderId: wo.id,
      revision: 'Z',
      documentIds: ['doc-dev-1'],
      flags: [],
      notes: '',
    });
    expect(early).toMatchObject({ outcome: 'rejected', code: 'document-not-released' });
    expect(await consolePush('releaseDocument', { documentId: 'doc-dev-1' })).toMatchObject({ outcome: 'applied' });

    const revision = `${before.revision}2`;
    const res = await consolePush('releaseTraveler', {
      id: 'trv-new',
      workOrderId: wo.id,
      revision,
      documentIds: [...before.documentIds, 'doc-dev-1'],
      flags: ['first-article'],
      notes: 'First article after the fixture change.',
    });
    expect(res).toMatchObject({ outcome: 'applied' });
    expect((await recordOf<Traveler>(h.store, 'travelers', before.id))?.status).toBe('superseded');
    expect(await recordOf<Traveler>(h.store, 'travelers', 'trv-new')).toMatchObject({
      status: 'released',
      revision,
      barcode: `FB1|${wo.number}||${revision}`,
      flags: ['first-article'],
      stationIds: wo.stationIds,
    });
    expect((await recordOf<Document>(h.store, 'documents', 'doc-dev-1'))?.stationIds.sort()).toEqual([...wo.stationIds].sort());
    const change = (await recordOf<ScheduleChange>(h.store, 'scheduleChanges', 'trv-new:revision'))!;
    expect(change).toMatchObject({ kind: 'revision', requiresAck: true, workOrderIds: [wo.id], postedBy: COORDINATOR_USER_ID });
    expect(change.stationIds.sort()).toEqual([...wo.stationIds].sort());
    // The superseding and the new revision are one mutation: one audit link holds both.
    const audit = (await recordOf<AuditEntry>(h.store, 'audit', `${CONSOLE_CLIENT}:${pushed}`))!;
    expect(Object.keys(audit.after).sort()).toEqual(
      expect.arrayContaining([`travelers/${before.id}`, 'travelers/trv-new', 'scheduleChanges/trv-new:revision', 'documents/doc-dev-1']),
    );
  });

  it('[T3] the station tablet pulls the new traveler, the revision change to acknowledge and the document, and may fetch its file', async () => {
    const changes = await pullAll({ token: mill }, 'mill-docs-1');
    const ids = changes.map((c) => `${c.entity}/${c.id}`);
    expect(ids).toEqual(expect.arrayContaining(['travelers/trv-new', `travelers/${before.id}`, 'scheduleChanges/trv-new:revision', 'documents/doc-dev-1']));
    const doc = changes.find((c) => c.id === 'doc-dev-1')!.value as Document;
    expect((await h.app.request(`/api/blobs/${doc.sha256}`, { headers: { authorization: `Bearer ${mill}` } })).status).toBe(200);
    // Its acknowledgement is an ordinary acknowledgeChange.
    const ack = await h.push({ token: mill }, 'mill-docs-1', [{ id: 1, name: 'acknowledgeChange', args: { changeId: 'trv-new:revision' }, actorId: OPERATOR }]);
    expect(((await ack.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toBe('applied');
  });

  it('[T4] a start made on the superseded revision applies, and raises stale-traveler-revision for the coordinator and the station', async () => {
    const res = await h.push({ token: mill }, 'mill-docs-1', [
      { id: 2, name: 'startOperation', args: { operationId: op.id, travelerRevision: before.revision }, actorId: OPERATOR },
    ]);
    expect(((await res.json()) as { results: unknown[] }).results[0]).toEqual({ id: 2, outcome: 'applied' });
    expect((await recordOf<Operation>(h.store, 'operations', op.id))?.status).toBe('running');
    const c = (await recordOf<Conflict>(h.store, 'conflicts', 'mill-docs-1:2'))!;
    expect(c).toMatchObject({
      code: 'stale-traveler-revision',
      mutation: 'startOperation',
      actorId: OPERATOR,
      status: 'open',
      stationIds: ['st-mill-1'],
      kept: { travelerId: 'trv-new', revision: `${before.revision}2`, seenRevision: before.revision },
    });
    const audit = (await recordOf<AuditEntry>(h.store, 'audit', 'mill-docs-1:2'))!;
    expect(audit.outcome).toBe('applied');
    expect(audit.flags).toContain('stale-traveler-revision');
    expect(Object.keys(audit.after)).toEqual(expect.arrayContaining([`operations/${op.id}`, 'conflicts/mill-docs-1:2']));
    // C4: the station's tablet and the console both receive it.
    const reached = (changes: { entity: string; id: string }[]) => changes.some((x) => x.entity === 'conflicts' && x.id === 'mill-docs-1:2');
    expect(reached(await pullAll({ token: mill }, 'mill-docs-2'))).toBe(true);
    expect(reached(await pullAll({ cookie }, 'console-docs-2'))).toBe(true);
  });

  it('[T4] a completion on the released revision raises nothing', async () => {
    const res = await h.push({ token: mill }, 'mill-docs-1', [
      { id: 3, name: 'completeOperation', args: { operationId: op.id, travelerRevision: `${before.revision}2` }, actorId: OPERATOR },
    ]);
    expect(((await res.json()) as { results: unknown[] }).results[0]).toEqual({ id: 3, outcome: 'applied' });
    expect(await recordOf(h.store, 'conflicts', 'mill-docs-1:3')).toBeUndefined();
  });
});
