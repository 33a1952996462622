import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../shared/domain/mutators';
import type { MutationContext } from '../../shared/domain/tx';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeAcknowledgement, makeActorCtx, makeChange, makeConsoleCtx, makeNote, seedFloor } from '../fakes/builders';

const world = () => seedFloor(new MemoryTx());

describe('acknowledgeChange', () => {
  it('[C1] writes one acknowledgement per person and change', async () => {
    const tx = world();
    const ctx = makeActorCtx();
    expect(await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, ctx)).toEqual({ outcome: 'applied' });
    expect(tx.written()).toEqual(['acknowledgements']);
    const { version, updatedAt, ...ack } = tx.peek('acknowledgements', `${IDS.change}:${IDS.operator}`)!;
    expect(version).toBe(1);
    expect(updatedAt).toBe('2026-11-21T12:00:00.000Z');
    expect(ack).toEqual({
      id: `${IDS.change}:${IDS.operator}`,
      changeId: IDS.change,
      userId: IDS.operator,
      deviceId: IDS.device,
      stationId: IDS.saw,
      at: ctx.at,
      stationIds: [IDS.saw],
    });
  });

  it('[C1] acknowledging twice is idempotent: applied, nothing written, the first time kept', async () => {
    const tx = world();
    await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx({ at: '2026-11-21T10:00:00.000Z' }));
    const first = tx.peek('acknowledgements', `${IDS.change}:${IDS.operator}`);
    const r = await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx({ at: '2026-11-21T11:00:00.000Z', deviceId: 'dev-other' }));
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.writes).toHaveLength(1);
    expect(tx.peek('acknowledgements', `${IDS.change}:${IDS.operator}`)).toEqual(first);
    expect(first!.at).toBe('2026-11-21T10:00:00.000Z');
  });

  it('[C1] an acknowledgement seeded from another tablet makes a later one a no-op, never a conflict', async () => {
    const tx = world().seed('acknowledgements', makeAcknowledgement());
    expect(await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx())).toEqual({ outcome: 'applied' });
    expect(tx.writes).toEqual([]);
  });

  it('[C1] two people at one station each get their own acknowledgement', async () => {
    const tx = world();
    await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx());
    await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx({ actor: { id: 'u-op2' } }));
    expect(tx.all('acknowledgements').map((a) => a.userId)).toEqual([IDS.operator, 'u-op2']);
  });

  it.each<[string, MutationContext, string | null]>([
    ['an operator of the second station', makeActorCtx({ deviceStationIds: [IDS.mill], actor: { stationIds: [IDS.mill] } }), IDS.mill],
    ['an operator of both', makeActorCtx({ deviceStationIds: [IDS.saw, IDS.mill], actor: { stationIds: [IDS.saw, IDS.mill] } }), IDS.saw],
    ['the coordinator console', makeConsoleCtx(), IDS.saw],
  ])('records the station the acknowledgement was made for: %s', async (_, ctx, stationId) => {
    const tx = world().seed('scheduleChanges', makeChange({ stationIds: [IDS.saw, IDS.mill] }));
    expect(await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, ctx)).toEqual({ outcome: 'applied' });
    expect(tx.peek('acknowledgements', `${IDS.change}:${ctx.actor.id}`)).toMatchObject({ stationId, stationIds: [IDS.saw, IDS.mill], deviceId: ctx.deviceId });
  });

  it('a change that needs no acknowledgement may still be acknowledged', async () => {
    const tx = world().seed('scheduleChanges', makeChange({ requiresAck: false }));
    expect(await applyMutation(tx, 'acknowledgeChange', { changeId: IDS.change }, makeActorCtx())).toEqual({ outcome: 'applied' });
    expect(tx.all('acknowledgements')).toHaveLength(1);
  });

  it.each<[string, string, MutationContext, string]>([
    ['an unknown change', 'chg-nope', makeActorCtx(), 'change-not-found'],
    ['a change sent to another station (device)', IDS.change, makeActorCtx({ deviceStationIds: [IDS.mill] }), 'not-allowed-at-station'],
    ['a change sent to another station (actor)', IDS.change, makeActorCtx({ actor: { stationIds: [IDS.mill] } }), 'not-allowed-at-station'],
    ['a lead of another station on the console', IDS.change, makeConsoleCtx({ actor: { role: 'lead', stationIds: [IDS.paint] } }), 'not-allowed-at-station'],
  ])('%s is rejected with %s and writes nothing', async (_, changeId, ctx, code) => {
    const tx = world();
    expect(await applyMutation(tx, 'acknowledgeChange', { changeId }, ctx)).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
  });
});

describe('addNote', () => {
  it('[C1] appends the note, trimmed, with who, where and when', async () => {
    const tx = world();
    const ctx = makeActorCtx();
    const r = await applyMutation(tx, 'addNote', { id: 'note-1', stationId: IDS.saw, text: '  coolant low  ' }, ctx);
    expect(r).toEqual({ outcome: 'applied' });
    const { version, updatedAt, ...note } = tx.peek('notes', 'note-1')!;
    expect([version, updatedAt]).toEqual([1, '2026-11-21T12:00:00.000Z']);
    expect(note).toEqual({ id: 'note-1', stationId: IDS.saw, text: 'coolant low', userId: IDS.operator, deviceId: IDS.device, at: ctx.at });
  });

  it('[C1] notes from two tablets at one station both stand', async () => {
    const tx = world();
    await applyMutation(tx, 'addNote', { id: 'n-a', stationId: IDS.saw, text: 'a' }, makeActorCtx({ deviceId: 'dev-a' }));
    await applyMutation(tx, 'addNote', { id: 'n-b', stationId: IDS.saw, text: 'b' }, makeActorCtx({ deviceId: 'dev-b' }));
    expect(tx.all('notes').map((n) => [n.id, n.text])).toEqual([
      ['n-a', 'a'],
      ['n-b', 'b'],
    ]);
  });

  it('a note may be 4000 characters long', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'addNote', { id: 'n', stationId: IDS.saw, text: 'x'.repeat(4000) }, makeActorCtx())).toEqual({ outcome: 'applied' });
    expect(tx.peek('notes', 'n')!.text).toHaveLength(4000);
  });

  it('[A3] the coordinator console may write a note for any station', async () => {
    const tx = world();
    expect(await applyMutation(tx, 'addNote', { id: 'n', stationId: IDS.paint, text: 'hi' }, makeConsoleCtx())).toEqual({ outcome: 'applied' });
    expect(tx.peek('notes', 'n')).toMatchObject({ stationId: IDS.paint, userId: IDS.coordinator, deviceId: 'console' });
  });

  it.each<[string, { id: string; stationId: string }, MutationContext, (tx: MemoryTx) => void, string]>([
    ['an unknown station', { id: 'n', stationId: 'st-nope' }, makeActorCtx(), () => {}, 'station-not-found'],
    [
      'another station (device)',
      { id: 'n', stationId: IDS.mill },
      makeActorCtx({ actor: { stationIds: [IDS.saw, IDS.mill] } }),
      () => {},
      'not-allowed-at-station',
    ],
    ['another station (actor)', { id: 'n', stationId: IDS.mill }, makeActorCtx({ deviceStationIds: [IDS.saw, IDS.mill] }), () => {}, 'not-allowed-at-station'],
    ['a note id already recorded', { id: 'note-1', stationId: IDS.saw }, makeActorCtx(), (tx) => tx.seed('notes', makeNote()), 'duplicate-id'],
  ])('%s is rejected with %s and writes nothing', async (_, args, ctx, arrange, code) => {
    const tx = world();
    arrange(tx);
    expect(await applyMutation(tx, 'addNote', { ...args, text: 'new text' }, ctx)).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
    if (code === 'duplicate-id') expect(tx.peek('notes', 'note-1')!.text).toBe('coolant low');
  });
});

describe('postScheduleChange', () => {
  const makeArgs = (o: Record<string, unknown> = {}) => ({
    id: 'chg-2',
    kind: 'expedite',
    message: ' Run WO-10042 next ',
    stationIds: [IDS.saw, IDS.mill],
    workOrderIds: [IDS.wo],
    requiresAck: true,
    ...o,
  });

  it('writes the change with who posted it and when', async () => {
    const tx = world();
    const ctx = makeConsoleCtx();
    expect(await applyMutation(tx, 'postScheduleChange', makeArgs(), ctx)).toEqual({ outcome: 'applied' });
    const { version, updatedAt, ...change } = tx.peek('scheduleChanges', 'chg-2')!;
    expect([version, updatedAt]).toEqual([1, '2026-11-21T12:00:00.000Z']);
    expect(change).toEqual({
      id: 'chg-2',
      kind: 'expedite',
      message: 'Run WO-10042 next',
      stationIds: [IDS.saw, IDS.mill],
      workOrderIds: [IDS.wo],
      requiresAck: true,
      postedBy: IDS.coordinator,
      postedAt: ctx.at,
    });
  });

  it('drops repeated stations and work orders', async () => {
    const tx = world();
    await applyMutation(tx, 'postScheduleChange', makeArgs({ stationIds: [IDS.saw, IDS.saw, IDS.mill], workOrderIds: [IDS.wo, IDS.wo] }), makeConsoleCtx());
    expect(tx.peek('scheduleChanges', 'chg-2')).toMatchObject({ stationIds: [IDS.saw, IDS.mill], workOrderIds: [IDS.wo] });
  });

  it.each(['priority-shift', 'resequence', 'hold', 'release', 'expedite', 'date-change', 'note'])(
    'kind %s is accepted, with or without work orders',
    async (kind) => {
      const tx = world();
      expect(await applyMutation(tx, 'postScheduleChange', makeArgs({ kind, workOrderIds: [], requiresAck: false }), makeConsoleCtx())).toEqual({
        outcome: 'applied',
      });
      expect(tx.peek('scheduleChanges', 'chg-2')).toMatchObject({ kind, workOrderIds: [], requiresAck: false });
    },
  );

  it.each<[string, Record<string, unknown>, string]>([
    ['an id already posted', { id: IDS.change }, 'duplicate-id'],
    ['an unknown station', { stationIds: [IDS.saw, 'st-nope'] }, 'station-not-found'],
    ['an unknown work order', { workOrderIds: [IDS.wo, 'wo-nope'] }, 'work-order-not-found'],
  ])('%s is rejected with %s and writes nothing', async (_, o, code) => {
    const tx = world();
    expect(await applyMutation(tx, 'postScheduleChange', makeArgs(o), makeConsoleCtx())).toMatchObject({ outcome: 'rejected', code });
    expect(tx.writes).toEqual([]);
    expect(tx.peek('scheduleChanges', IDS.change)).toEqual(makeChange());
  });
});

describe('acknowledgeChange with the longest ids the wire allows', () => {
  it('[C1] a 128-character change id acknowledged by a 128-character actor id writes a valid acknowledgement', async () => {
    // postScheduleChange takes ids up to 128 characters and a push's actorId may be 128 too (shared/protocol),
    // so the acknowledgement id `${changeId}:${userId}` may be 257 characters long.
    const changeId = 'c'.repeat(128);
    const actorId = 'u'.repeat(128);
    const tx = world().seed('scheduleChanges', makeChange({ id: changeId }));
    const r = await applyMutation(tx, 'acknowledgeChange', { changeId }, makeActorCtx({ actor: { id: actorId } }));
    expect(r).toEqual({ outcome: 'applied' });
    expect(tx.peek('acknowledgements', `${changeId}:${actorId}`)).toMatchObject({ changeId, userId: actorId });
  });
});
