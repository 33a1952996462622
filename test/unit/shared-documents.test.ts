import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import { scopesOf } from '../../shared/schema';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeActorCtx, makeConsoleCtx, makeDocument, makeOperation, makeTraveler, seedFloor } from '../fakes/builders';

const world = () => seedFloor(new MemoryTx());
const quality = () => makeConsoleCtx({ actor: { id: 'u-quality', role: 'quality' } });
const SHA = 'e'.repeat(64);
const docArgs = (o: Record<string, unknown> = {}) => ({
  id: 'doc-2',
  number: 'DWG-778',
  title: ' Bracket drawing ',
  revision: 'B',
  contentType: 'application/pdf',
  sha256: SHA,
  bytes: 2048,
  ...o,
});

describe('[T2] createDocument', () => {
  it('writes a draft that no tablet receives yet', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'createDocument', docArgs(), quality())).toEqual({ outcome: 'applied' });
    const { version: _v, updatedAt: _u, ...doc } = tx.peek('documents', 'doc-2')!;
    expect(doc).toEqual({
      id: 'doc-2',
      number: 'DWG-778',
      title: 'Bracket drawing',
      revision: 'B',
      status: 'draft',
      contentType: 'application/pdf',
      sha256: SHA,
      bytes: 2048,
      reviewDueAt: null,
      releasedAt: null,
      releasedBy: null,
      stationIds: [],
    });
    expect(scopesOf('documents', doc)).toEqual(['coordinator']);
  });

  it('refuses a revision the number already has: document-revision-exists', async () => {
    const tx = world().seed('documents', makeDocument({ revision: 'B' }));
    expect(await applyMutation(tx, 'createDocument', docArgs(), quality())).toMatchObject({ outcome: 'rejected', code: 'document-revision-exists' });
    expect(tx.writes).toEqual([]);
  });

  it('refuses an id already used: duplicate-id', async () => {
    const tx = world().seed('documents', makeDocument({ id: 'doc-2', number: 'DWG-1' }));
    expect(await applyMutation(tx, 'createDocument', docArgs(), quality())).toMatchObject({ code: 'duplicate-id' });
  });

  it('is released at the console, not from a tablet: console-only', async () => {
    const tx = world();
    const ctx = makeActorCtx({ actor: { id: 'u-quality', role: 'quality', stationIds: [] } });
    expect(await applyMutation(tx, 'createDocument', docArgs(), ctx)).toMatchObject({ outcome: 'rejected', code: 'console-only' });
    expect(tx.writes).toEqual([]);
  });
});

describe('[T2] releaseDocument', () => {
  it('releases the draft and supersedes the released revision of the same number in the same mutation', async () => {
    const tx = world().seed(
      'documents',
      makeDocument({ id: 'doc-1', revision: 'A', stationIds: [IDS.saw] }),
      makeDocument({ id: 'doc-2', revision: 'B', status: 'draft', releasedAt: null, releasedBy: null, sha256: SHA }),
      makeDocument({ id: 'doc-other', number: 'WI-1', revision: 'A' }),
    );
    const ctx = quality();
    expect(await applyMutation(tx, 'releaseDocument', { documentId: 'doc-2' }, ctx)).toEqual({ outcome: 'applied' });
    expect(tx.peek('documents', 'doc-1')).toMatchObject({ status: 'superseded', stationIds: [IDS.saw] });
    expect(tx.peek('documents', 'doc-2')).toMatchObject({ status: 'released', releasedAt: ctx.at, releasedBy: 'u-quality' });
    expect(tx.peek('documents', 'doc-other')?.status).toBe('released');
    expect(tx.written()).toEqual(['documents', 'documents']);
  });

  it.each([
    ['document-not-found', 'doc-missing', undefined],
    ['document-not-draft', 'doc-1', makeDocument()],
    ['document-not-draft', 'doc-1', makeDocument({ status: 'superseded' })],
  ] as const)('refuses with %s', async (code, documentId, doc) => {
    const tx = world();
    if (doc) tx.seed('documents', doc);
    expect(await applyMutation(tx, 'releaseDocument', { documentId }, quality())).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
  });
});

describe('[T1] releaseTraveler', () => {
  const args = (o: Record<string, unknown> = {}) => ({
    id: 'trv-2',
    workOrderId: IDS.wo,
    revision: 'D',
    documentIds: ['doc-1', 'doc-1'],
    flags: ['first-article', 'npi'],
    notes: ' First article to quality before the batch. ',
    ...o,
  });
  const released = () =>
    world()
      .seed('documents', makeDocument({ stationIds: [IDS.paint] }))
      .seed('travelers', makeTraveler());

  it('supersedes the released traveler, posts a revision change to every routing station and sends the documents there', async () => {
    const tx = released();
    const ctx = makeConsoleCtx({ actor: { id: 'u-eng', role: 'engineering' }, backing: 'console' });
    expect(await applyMutation(tx, 'releaseTraveler', args(), ctx)).toEqual({ outcome: 'applied' });
    expect(tx.peek('travelers', 'trv-1')?.status).toBe('superseded');
    const { version: _v, updatedAt: _u, ...trv } = tx.peek('travelers', 'trv-2')!;
    expect(trv).toEqual({
      id: 'trv-2',
      workOrderId: IDS.wo,
      barcode: 'FB1|WO-10042||D',
      revision: 'D',
      status: 'released',
      documentIds: ['doc-1'],
      flags: ['first-article', 'npi'],
      notes: 'First article to quality before the batch.',
      releasedAt: ctx.at,
      releasedBy: 'u-eng',
      stationIds: [IDS.saw, IDS.mill],
    });
    expect(tx.peek('documents', 'doc-1')?.stationIds).toEqual([IDS.paint, IDS.saw, IDS.mill]);
    expect(tx.peek('scheduleChanges', 'trv-2:revision')).toMatchObject({
      kind: 'revision',
      stationIds: [IDS.saw, IDS.mill],
      workOrderIds: [IDS.wo],
      requiresAck: true,
      postedBy: 'u-eng',
      postedBacking: 'console',
      message: 'WO-10042: traveler revision D released, replacing C',
    });
    expect(tx.written().sort()).toEqual(['documents', 'scheduleChanges', 'travelers', 'travelers']);
  });

  it('releases the first traveler of a work order without one', async () => {
    const tx = world().seed('documents', makeDocument());
    expect(await applyMutation(tx, 'releaseTraveler', args(), quality())).toEqual({ outcome: 'applied' });
    expect(tx.peek('scheduleChanges', 'trv-2:revision')?.message).toBe('WO-10042: traveler revision D released');
  });

  it.each([
    ['work-order-not-found', { workOrderId: 'wo-missing' }],
    ['traveler-revision-exists', { revision: 'C' }],
    ['document-not-found', { documentIds: ['doc-missing'] }],
    ['duplicate-id', { id: 'trv-1' }],
  ])('refuses with %s', async (code, o) => {
    const tx = released();
    expect(await applyMutation(tx, 'releaseTraveler', args(o), quality())).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
  });

  it.each(['draft', 'superseded'] as const)('refuses a %s document: document-not-released', async (status) => {
    const tx = world().seed('documents', makeDocument({ status }));
    expect(await applyMutation(tx, 'releaseTraveler', args(), quality())).toMatchObject({ outcome: 'rejected', code: 'document-not-released' });
    expect(tx.writes).toEqual([]);
  });

  it('is released at the console, not from a tablet: console-only', async () => {
    const ctx = makeActorCtx({ actor: { id: 'u-eng', role: 'engineering', stationIds: [] } });
    expect(await applyMutation(released(), 'releaseTraveler', args(), ctx)).toMatchObject({ code: 'console-only' });
  });
});

describe('[T4] startOperation and completeOperation with the traveler revision on screen', () => {
  const withTraveler = (revision: string) => world().seed('travelers', makeTraveler({ revision }));

  it('the released revision applies as before, with nothing raised', async () => {
    const tx = withTraveler('C');
    expect(await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw, travelerRevision: 'C' }, makeActorCtx())).toEqual({ outcome: 'applied' });
  });

  it('a superseded revision still applies and raises stale-traveler-revision for the station', async () => {
    const tx = withTraveler('D');
    const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw, travelerRevision: 'C' }, makeActorCtx());
    expect(r).toEqual({
      outcome: 'applied',
      flags: ['stale-traveler-revision'],
      raised: {
        code: 'stale-traveler-revision',
        message: 'done on traveler revision C, but revision D is released',
        other: null,
        kept: { travelerId: 'trv-1', revision: 'D', seenRevision: 'C', releasedBy: IDS.coordinator, releasedAt: makeTraveler().releasedAt },
        stationIds: [IDS.saw],
      },
    });
    expect(tx.peek('operations', IDS.opSaw)?.status).toBe('running');
  });

  it('a completion on a superseded revision applies and raises it too', async () => {
    const tx = withTraveler('D').seed('operations', makeOperation({ status: 'running' }));
    const r = await applyMutation(tx, 'completeOperation', { operationId: IDS.opSaw, travelerRevision: 'B' }, makeActorCtx());
    expect(r).toMatchObject({ outcome: 'applied', raised: { code: 'stale-traveler-revision' } });
    expect(tx.peek('operations', IDS.opSaw)?.status).toBe('completed');
  });

  it('without a revision, or without a traveler, nothing is checked', async () => {
    expect(await applyMutation(withTraveler('D'), 'startOperation', { operationId: IDS.opSaw }, makeActorCtx())).toEqual({ outcome: 'applied' });
    expect(await applyMutation(world(), 'startOperation', { operationId: IDS.opSaw, travelerRevision: 'A' }, makeActorCtx())).toEqual({ outcome: 'applied' });
  });

  it('a start that is refused raises nothing: the refusal is what the tablet hears', async () => {
    const tx = withTraveler('D').seed('operations', makeOperation({ status: 'completed' }));
    const r = await applyMutation(tx, 'startOperation', { operationId: IDS.opSaw, travelerRevision: 'C' }, makeActorCtx());
    expect(r.outcome).toBe('conflict');
    expect(r).not.toHaveProperty('raised');
  });
});
