import { describe, expect, it } from 'vitest';
import { applyMutation, describeMutation, isMutationName, MUTATORS, type MutationName } from '../../shared/domain/mutators';
import { Role } from '../../shared/schema';
import { ENTITIES } from '../../shared/schema';
import { MemoryTx } from '../fakes/memory-tx';
import {
  IDS,
  makeActorCtx,
  makeConflict,
  makeDocument,
  makeHold,
  makeOperation,
  makeQuantityReport,
  makeShift,
  makeTraveler,
  seedFloor,
} from '../fakes/builders';

/** One valid call per mutation, in a world where it applies. */
const VALID: Record<MutationName, { args: Record<string, unknown>; arrange?: (tx: MemoryTx, role: Role) => void }> = {
  startOperation: { args: { operationId: IDS.opSaw } },
  pauseOperation: { args: { operationId: IDS.opSaw, reason: 'break' }, arrange: (tx) => tx.seed('operations', makeOperation({ status: 'running' })) },
  completeOperation: { args: { operationId: IDS.opSaw }, arrange: (tx) => tx.seed('operations', makeOperation({ status: 'running' })) },
  reportQuantity: { args: { id: 'qr-1', operationId: IDS.opSaw, good: 3, scrap: 1, scrapReason: 'BURR' } },
  // The caller's own report of this shift (a whole-day shift), and the caller's own start two minutes ago.
  correctQuantity: {
    args: { id: 'qr-fix', reportId: 'qr-1', good: 4, scrap: 0, reason: 'miscounted', shiftId: 'shift-day' },
    arrange: (tx, role) =>
      tx
        .seed('shifts', makeShift({ start: '00:00', end: '00:00' }))
        .seed('operations', makeOperation({ good: 5 }))
        .seed('quantityReports', makeQuantityReport({ userId: `u-${role}`, at: '2026-11-21T10:02:00.000Z' })),
  },
  undoLast: {
    args: { id: 'qr-undo', operationId: IDS.opSaw, act: 'startOperation', actAt: '2026-11-21T10:01:00.000Z' },
    arrange: (tx, role) =>
      tx.seed(
        'operations',
        makeOperation({
          status: 'running',
          lastChange: { mutation: 'startOperation', actorId: `u-${role}`, deviceId: IDS.device, at: '2026-11-21T10:01:00.000Z', from: 'pending' },
        }),
      ),
  },
  acknowledgeChange: { args: { changeId: IDS.change } },
  addNote: { args: { id: 'note-1', stationId: IDS.saw, text: 'coolant low' } },
  postScheduleChange: { args: { id: 'chg-2', kind: 'note', message: 'm', stationIds: [IDS.saw], workOrderIds: [], requiresAck: false } },
  placeHold: { args: { id: 'hold-2', workOrderId: IDS.wo, kind: 'quality', reason: 'r' } },
  releaseHold: { args: { holdId: IDS.hold }, arrange: (tx) => tx.seed('holds', makeHold()) },
  resolveConflict: { args: { conflictId: 'client-a:7', resolution: 'ok' }, arrange: (tx) => tx.seed('conflicts', makeConflict()) },
  editWorkOrder: { args: { workOrderId: IDS.wo, priority: 2 } },
  createDocument: {
    args: { id: 'doc-2', number: 'DWG-9', title: 'Drawing', revision: 'A', contentType: 'application/pdf', sha256: 'b'.repeat(64), bytes: 10 },
  },
  releaseDocument: {
    args: { documentId: 'doc-1' },
    arrange: (tx) => tx.seed('documents', makeDocument({ status: 'draft', releasedAt: null, releasedBy: null })),
  },
  releaseTraveler: {
    args: { id: 'trv-2', workOrderId: IDS.wo, revision: 'D', documentIds: ['doc-1'], flags: ['first-article'], notes: 'FAI at op 1' },
    arrange: (tx) => tx.seed('documents', makeDocument()).seed('travelers', makeTraveler()),
  },
};
/** Mutations released at the console only (T2): their valid call is made there. */
const AT_CONSOLE: ReadonlySet<MutationName> = new Set(['createDocument', 'releaseDocument', 'releaseTraveler']);
const DOCUMENT_CONTROL: Role[] = ['coordinator', 'planner', 'quality', 'engineering', 'admin'];

/** Everyone but the read-only auditor (X3). */
const PEOPLE: Role[] = ['operator', 'lead', 'supervisor', 'coordinator', 'planner', 'quality', 'maintenance', 'warehouse', 'engineering', 'admin'];
const FLOOR: Role[] = ['operator', 'lead', 'supervisor', 'coordinator', 'admin'];
const HOLDERS: Role[] = ['lead', 'supervisor', 'coordinator', 'quality', 'warehouse', 'engineering', 'admin'];
/** Who may call what (DESIGN §1): the floor works, leads and quality hold, the office plans, supervisors triage. */
const ROLES: Record<MutationName, Role[]> = {
  startOperation: FLOOR,
  pauseOperation: FLOOR,
  completeOperation: FLOOR,
  reportQuantity: FLOOR,
  correctQuantity: FLOOR,
  undoLast: FLOOR,
  acknowledgeChange: PEOPLE,
  addNote: PEOPLE,
  postScheduleChange: ['coordinator', 'planner', 'admin'],
  placeHold: HOLDERS,
  releaseHold: HOLDERS,
  resolveConflict: ['supervisor', 'coordinator', 'admin'],
  editWorkOrder: ['coordinator', 'planner', 'admin'],
  createDocument: DOCUMENT_CONTROL,
  releaseDocument: DOCUMENT_CONTROL,
  releaseTraveler: DOCUMENT_CONTROL,
};

const NAMES = Object.keys(MUTATORS) as MutationName[];
const arrange = (name: MutationName, role: Role = 'admin') => {
  const tx = seedFloor(new MemoryTx());
  VALID[name].arrange?.(tx, role);
  return tx;
};
const ctxFor = (role: Role, name?: MutationName) =>
  makeActorCtx({
    deviceStationIds: name && AT_CONSOLE.has(name) ? 'all' : [IDS.saw, IDS.mill],
    actor: { id: `u-${role}`, role, stationIds: [IDS.saw, IDS.mill] },
  });

describe('the mutation catalogue', () => {
  it('the tables in this file cover every mutator', () => {
    expect(Object.keys(VALID).sort()).toEqual([...NAMES].sort());
    expect(Object.keys(ROLES).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('isMutationName(%s) is true', (name) => expect(isMutationName(name)).toBe(true));
  it.each(['toString', 'constructor', '__proto__', 'StartOperation', 'startDowntime', ''])('isMutationName(%j) is false', (name) => {
    expect(isMutationName(name)).toBe(false);
  });

  it.each(['dropTable', 'toString', 'hasOwnProperty', '__proto__', ''])('[S5] %j is rejected as unknown-mutation and writes nothing', async (name) => {
    const tx = seedFloor(new MemoryTx());
    expect(await applyMutation(tx, name, {}, makeActorCtx())).toEqual({ outcome: 'rejected', code: 'unknown-mutation', message: `unknown mutation ${name}` });
    expect(tx.writes).toEqual([]);
  });

  describe('roles', () => {
    const cases = NAMES.flatMap((name) => Role.options.map((role) => [name, role, ROLES[name].includes(role)] as const));

    it.each(NAMES)('%s allows exactly the expected roles', (name) => {
      expect([...MUTATORS[name].roles].sort()).toEqual([...ROLES[name]].sort());
    });

    it.each(cases)('[A3] %s by a %s: allowed=%s', async (name, role, allowed) => {
      const tx = arrange(name, role);
      const r = await applyMutation(tx, name, VALID[name].args, ctxFor(role, name));
      if (allowed) {
        expect(r.outcome).toBe('applied');
        expect(tx.writes.length).toBeGreaterThan(0);
      } else {
        expect(r).toEqual({ outcome: 'rejected', code: 'role-not-allowed', message: `a ${role} may not ${name}` });
        expect(tx.writes).toEqual([]);
      }
    });

    it('[S5] bad arguments are reported before the role', async () => {
      const tx = arrange('postScheduleChange');
      expect(await applyMutation(tx, 'postScheduleChange', {}, ctxFor('operator'))).toMatchObject({ code: 'invalid-args' });
    });
  });

  describe('invalid-args', () => {
    const BAD: [MutationName, unknown, string][] = [
      ['startOperation', undefined, ''],
      ['startOperation', null, ''],
      ['startOperation', 'op-1', ''],
      ['startOperation', {}, 'operationId'],
      ['startOperation', { operationId: '' }, 'operationId'],
      ['startOperation', { operationId: 7 }, 'operationId'],
      ['pauseOperation', { operationId: IDS.opSaw, reason: 'x'.repeat(201) }, 'reason'],
      ['pauseOperation', { operationId: IDS.opSaw, reason: 3 }, 'reason'],
      ['completeOperation', { operationId: null }, 'operationId'],
      ['reportQuantity', { ...VALID.reportQuantity.args, good: -1 }, 'good'],
      ['reportQuantity', { ...VALID.reportQuantity.args, good: 1.5 }, 'good'],
      ['reportQuantity', { ...VALID.reportQuantity.args, good: '3' }, 'good'],
      ['reportQuantity', { ...VALID.reportQuantity.args, scrap: 1_000_001 }, 'scrap'],
      ['reportQuantity', { ...VALID.reportQuantity.args, scrap: Number.NaN }, 'scrap'],
      ['reportQuantity', { ...VALID.reportQuantity.args, scrapReason: '' }, 'scrapReason'],
      ['reportQuantity', { ...VALID.reportQuantity.args, id: '' }, 'id'],
      ['reportQuantity', { ...VALID.reportQuantity.args, id: 'x'.repeat(129) }, 'id'],
      ['reportQuantity', { operationId: IDS.opSaw, good: 1, scrap: 0 }, 'id'],
      ['correctQuantity', { ...VALID.correctQuantity.args, good: 2.5 }, 'good'],
      ['correctQuantity', { ...VALID.correctQuantity.args, scrap: -5 }, 'scrap'],
      ['correctQuantity', { ...VALID.correctQuantity.args, good: Number('12345678901234567890') }, 'good'],
      ['correctQuantity', { ...VALID.correctQuantity.args, reason: '  ' }, 'reason'],
      ['correctQuantity', { ...VALID.correctQuantity.args, reportId: undefined }, 'reportId'],
      ['undoLast', { ...VALID.undoLast.args, act: 'placeHold' }, 'act'],
      ['undoLast', { ...VALID.undoLast.args, actAt: undefined }, ''],
      ['undoLast', { ...VALID.undoLast.args, act: 'reportQuantity' }, ''],
      ['acknowledgeChange', { changeId: '' }, 'changeId'],
      ['addNote', { ...VALID.addNote.args, text: '   ' }, 'text'],
      ['addNote', { ...VALID.addNote.args, text: 'x'.repeat(4001) }, 'text'],
      ['addNote', { ...VALID.addNote.args, stationId: '' }, 'stationId'],
      ['postScheduleChange', { ...VALID.postScheduleChange.args, kind: 'reboot' }, 'kind'],
      ['postScheduleChange', { ...VALID.postScheduleChange.args, stationIds: [] }, 'stationIds'],
      ['postScheduleChange', { ...VALID.postScheduleChange.args, message: ' ' }, 'message'],
      ['postScheduleChange', { ...VALID.postScheduleChange.args, requiresAck: 'yes' }, 'requiresAck'],
      ['postScheduleChange', { ...VALID.postScheduleChange.args, workOrderIds: undefined }, 'workOrderIds'],
      ['placeHold', { ...VALID.placeHold.args, kind: 'paperwork' }, 'kind'],
      ['placeHold', { ...VALID.placeHold.args, reason: '' }, 'reason'],
      ['placeHold', { ...VALID.placeHold.args, reason: 'x'.repeat(501) }, 'reason'],
      ['placeHold', { ...VALID.placeHold.args, operationId: '' }, 'operationId'],
      ['releaseHold', { holdId: undefined }, 'holdId'],
      ['resolveConflict', { conflictId: 'c', resolution: '' }, 'resolution'],
      ['editWorkOrder', { workOrderId: IDS.wo }, ''],
      ['editWorkOrder', { workOrderId: IDS.wo, priority: 0 }, 'priority'],
      ['editWorkOrder', { workOrderId: IDS.wo, dueAt: 'next tuesday' }, 'dueAt'],
      ['startOperation', { operationId: IDS.opSaw, travelerRevision: '' }, 'travelerRevision'],
      ['completeOperation', { operationId: IDS.opSaw, travelerRevision: 'x'.repeat(17) }, 'travelerRevision'],
      ['createDocument', { ...VALID.createDocument.args, contentType: 'text/html' }, 'contentType'],
      ['createDocument', { ...VALID.createDocument.args, sha256: 'B'.repeat(64) }, 'sha256'],
      ['createDocument', { ...VALID.createDocument.args, bytes: 0 }, 'bytes'],
      ['createDocument', { ...VALID.createDocument.args, number: ' ' }, 'number'],
      ['releaseDocument', { documentId: '' }, 'documentId'],
      ['releaseTraveler', { ...VALID.releaseTraveler.args, flags: ['urgent'] }, 'flags.0'],
      ['releaseTraveler', { ...VALID.releaseTraveler.args, revision: '' }, 'revision'],
      ['releaseTraveler', { ...VALID.releaseTraveler.args, notes: 'x'.repeat(2001) }, 'notes'],
    ];

    it('every mutator has at least one bad-arguments case', () => {
      expect(new Set(BAD.map(([n]) => n))).toEqual(new Set(NAMES));
    });

    it.each(BAD)('[S5] %s with %j is invalid-args (at %s) and writes nothing', async (name, args, path) => {
      const tx = arrange(name);
      const r = await applyMutation(tx, name, args, makeActorCtx({ deviceStationIds: 'all', actor: { role: 'admin' } }));
      expect(r).toMatchObject({ outcome: 'rejected', code: 'invalid-args' });
      if (path) expect(r.outcome === 'rejected' && r.message).toContain(`(${path})`);
      expect(tx.writes).toEqual([]);
    });

    it('[S5] bad arguments never throw', async () => {
      const tx = arrange('addNote');
      await expect(applyMutation(tx, 'addNote', Object.create(null), makeActorCtx())).resolves.toMatchObject({ code: 'invalid-args' });
    });
  });

  describe('describeMutation', () => {
    it.each<[string, unknown, string]>([
      ['startOperation', { operationId: 'op' }, 'started the operation'],
      ['pauseOperation', { operationId: 'op' }, 'paused the operation'],
      ['pauseOperation', { operationId: 'op', reason: 'tool change' }, 'paused the operation: tool change'],
      ['completeOperation', { operationId: 'op' }, 'completed the operation'],
      ['reportQuantity', { id: 'q', operationId: 'op', good: 5, scrap: 0 }, 'reported 5 good, 0 scrap'],
      ['reportQuantity', { id: 'q', operationId: 'op', good: 5, scrap: 2, scrapReason: 'BURR' }, 'reported 5 good, 2 scrap (BURR)'],
      ['acknowledgeChange', { changeId: 'c' }, 'acknowledged the schedule change'],
      ['addNote', { id: 'n', stationId: 's', text: '  short  ' }, 'wrote a note: short'],
      ['addNote', { id: 'n', stationId: 's', text: 'x'.repeat(80) }, `wrote a note: ${'x'.repeat(80)}`],
      ['addNote', { id: 'n', stationId: 's', text: 'x'.repeat(81) }, `wrote a note: ${'x'.repeat(77)}…`],
      ['postScheduleChange', VALID.postScheduleChange.args, 'posted a note change: m'],
      ['placeHold', VALID.placeHold.args, 'placed a quality hold: r'],
      ['releaseHold', { holdId: 'h' }, 'released the hold'],
      ['resolveConflict', { conflictId: 'c', resolution: 'kept theirs' }, 'resolved a conflict: kept theirs'],
      ['createDocument', VALID.createDocument.args, 'created document DWG-9 rev A: Drawing'],
      ['releaseDocument', { documentId: 'd' }, 'released a document revision'],
      ['releaseTraveler', VALID.releaseTraveler.args, 'released traveler revision D'],
      ['startOperation', {}, 'startOperation'],
      ['reportQuantity', { good: 'lots' }, 'reportQuantity'],
      ['addNote', null, 'addNote'],
      ['frobnicate', { a: 1 }, 'frobnicate'],
      ['toString', {}, 'toString'],
    ])('%s %j → %j', (name, args, text) => {
      expect(describeMutation(name, args)).toBe(text);
    });

    it.each(NAMES)('%s has a description for its valid arguments that is not just its name', (name) => {
      expect(describeMutation(name, VALID[name].args)).not.toBe(name);
    });
  });

  describe('every record a mutator writes validates against its schema', () => {
    it.each(NAMES)('%s', async (name) => {
      // validate: false, so the assertion here (not the fake) is what fails on a bad record.
      const tx = seedFloor(new MemoryTx({ validate: false }));
      VALID[name].arrange?.(tx, 'admin');
      const r = await applyMutation(tx, name, VALID[name].args, ctxFor('admin', name));
      expect(r.outcome).toBe('applied');
      expect(tx.writes.length).toBeGreaterThan(0);
      for (const w of tx.writes) {
        const parsed = ENTITIES[w.entity].safeParse(w.value);
        expect(parsed.success, `${w.entity}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
        // Writes carry no extra fields the schema would strip.
        expect(parsed.success && Object.keys(parsed.data).sort()).toEqual(Object.keys(w.value).sort());
      }
    });
  });
});
