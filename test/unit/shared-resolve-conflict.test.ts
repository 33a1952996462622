import { describe, expect, it } from 'vitest';
import { applyMutation, describeMutation } from '../../shared/domain/mutators';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeConflict, makeConsoleCtx, makeHold, makeUser, seedFloor, T0 } from '../fakes/builders';

// C4: a conflict is settled by an explicit choice: keep the server's, or apply the tablet's change.
const startOnHold = () =>
  makeConflict({
    id: 'client-a:9',
    mutation: 'startOperation',
    args: { operationId: IDS.opSaw },
    code: 'work-order-on-hold',
    message: 'the job was put on quality hold',
    kept: { status: 'pending' },
  });
const world = () => seedFloor(new MemoryTx()).seed('users', makeUser());

describe('resolveConflict with a choice', () => {
  it('[C4] keeps the server’s by default, with no note required', async () => {
    const tx = world().seed('conflicts', startOnHold());
    expect(await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:9', choice: 'server' }, makeConsoleCtx())).toEqual({ outcome: 'applied' });
    expect(tx.written()).toEqual(['conflicts']);
    expect(tx.peek('conflicts', 'client-a:9')).toMatchObject({ status: 'resolved', resolvedBy: IDS.coordinator, resolution: null });
    expect(tx.peek('operations', IDS.opSaw)!.status).toBe('pending');
  });

  it('[C4] "apply mine" applies the tablet’s change as its person made it, in the same transaction', async () => {
    // The hold was released since: the start can apply now.
    const tx = world()
      .seed('conflicts', startOnHold())
      .seed('holds', makeHold({ status: 'released' }));
    const r = await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:9', choice: 'mine', resolution: ' hold was lifted ' }, makeConsoleCtx());
    expect(r).toEqual({ outcome: 'applied' });
    const op = tx.peek('operations', IDS.opSaw)!;
    expect(op.status).toBe('running');
    expect(op.lastChange).toMatchObject({ actorId: IDS.operator, deviceId: IDS.device, at: T0 });
    expect(tx.peek('conflicts', 'client-a:9')).toMatchObject({ status: 'resolved', resolvedBy: IDS.coordinator, resolution: 'hold was lifted' });
  });

  it('[C4] "apply mine" on a state that still refuses the change is rejected and writes nothing', async () => {
    const tx = world()
      .seed('conflicts', startOnHold())
      .seed('holds', makeHold({ status: 'open' }));
    const before = tx.all('conflicts');
    expect(await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:9', choice: 'mine' }, makeConsoleCtx())).toMatchObject({
      outcome: 'rejected',
      code: 'conflict-still-stands',
    });
    expect(tx.writes).toEqual([]);
    expect(tx.all('conflicts')).toEqual(before);
  });

  it('[C4] "apply mine" passes on the re-applied change’s own rejection', async () => {
    const tx = world()
      .seed('conflicts', startOnHold())
      .seed('holds', makeHold({ status: 'released' }));
    tx.seed('conflicts', { ...startOnHold(), args: { operationId: 'op-gone' } });
    expect(await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:9', choice: 'mine' }, makeConsoleCtx())).toMatchObject({
      outcome: 'rejected',
      code: 'operation-not-found',
    });
    expect(tx.writes).toEqual([]);
  });

  it('[C4] "apply mine" for a person no longer known is rejected with unknown-actor', async () => {
    const tx = seedFloor(new MemoryTx())
      .seed('conflicts', startOnHold())
      .seed('holds', makeHold({ status: 'released' }));
    expect(await applyMutation(tx, 'resolveConflict', { conflictId: 'client-a:9', choice: 'mine' }, makeConsoleCtx())).toMatchObject({
      outcome: 'rejected',
      code: 'unknown-actor',
    });
    expect(tx.writes).toEqual([]);
  });

  it('[C4] a blank note and an unknown choice are bad arguments', async () => {
    const tx = world().seed('conflicts', startOnHold());
    for (const args of [
      { conflictId: 'client-a:9', choice: 'server', resolution: '   ' },
      { conflictId: 'client-a:9', choice: 'both' },
    ]) {
      expect(await applyMutation(tx, 'resolveConflict', args, makeConsoleCtx())).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
    }
    expect(tx.writes).toEqual([]);
  });

  it('says in the feed which way it went', () => {
    expect(describeMutation('resolveConflict', { conflictId: 'c', choice: 'server' })).toBe("resolved a conflict: kept the server's");
    expect(describeMutation('resolveConflict', { conflictId: 'c', choice: 'mine', resolution: 'ok' })).toBe(
      "resolved a conflict by applying the tablet's change: ok",
    );
  });
});
