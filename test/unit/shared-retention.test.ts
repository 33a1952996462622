import { describe, expect, it } from 'vitest';
import { consoleCutoff, isLive, lastTouched, planPrune, previousShiftStart, type ReplicaSnapshot } from '../../shared/domain/retention';
import {
  IDS,
  makeAcknowledgement,
  makeChange,
  makeConflict,
  makeHold,
  makeNote,
  makeOperation,
  makeQuantityReport,
  makeUser,
  makeWorkOrder,
} from '../fakes/builders';

const CUTOFF = Date.parse('2026-11-22T00:00:00.000Z'); // the builders' records (T0, 21 Nov) are older
const NEW = { updatedAt: '2026-11-23T08:00:00.000Z' };
const done = { status: 'completed' as const };
const none = new Set<string>();
const ids = (s: ReplicaSnapshot, protect: ReadonlySet<string> = none) =>
  planPrune(s, CUTOFF, protect)
    .map((d) => `${d.entity}/${d.id}`)
    .sort();

/** A closed job: work order, two completed operations, a report, a released hold. */
const closedJob = (o: { wo?: object; op2?: object; hold?: object } = {}): ReplicaSnapshot => ({
  workOrders: [makeWorkOrder({ ...done, ...o.wo })],
  operations: [makeOperation(done), makeOperation({ id: IDS.opMill, stationId: IDS.mill, ...done, ...o.op2 })],
  quantityReports: [makeQuantityReport()],
  holds: [makeHold({ status: 'released', releasedAt: '2026-11-21T10:00:00.000Z', ...o.hold })],
});
const JOB = ['holds/hold-1', 'operations/op-1', 'operations/op-2', 'quantityReports/qr-1', 'workOrders/wo-1'];

describe('history window rules (D4)', () => {
  it.each([
    ['a closed job goes whole, with its operations, reports and released holds', closedJob(), none, JOB],
    ['a cancelled job goes whole too', closedJob({ wo: { status: 'cancelled' } }), none, JOB],
    ['an open work order keeps its routing; its long-released hold goes alone', closedJob({ wo: { status: 'in-progress' } }), none, ['holds/hold-1']],
    ['a closed job with one open hold stays', closedJob({ hold: { status: 'open', releasedAt: null } }), none, []],
    ['a closed job whose operation changed inside the window stays (its long-released hold goes alone)', closedJob({ op2: NEW }), none, ['holds/hold-1']],
    ['a closed job a pending mutation touched stays', closedJob(), new Set(['quantityReports/qr-1']), ['holds/hold-1']],
    ['a closed job a pending mutation names by id stays', closedJob({ hold: NEW }), new Set([IDS.wo]), []],
    ['a hold a pending mutation names stays', closedJob({ wo: { status: 'in-progress' } }), new Set([IDS.hold]), []],
    [
      'a station’s completed operation without its work order goes with its reports',
      { operations: [makeOperation(done)], quantityReports: [makeQuantityReport()] },
      none,
      ['operations/op-1', 'quantityReports/qr-1'],
    ],
    ['a pending operation without its work order stays', { operations: [makeOperation()] }, none, []],
    ['notes, rejections and audit go once old', { notes: [makeNote(), makeNote({ id: 'note-2', ...NEW })] }, none, ['notes/note-1']],
    ['a note written recently on the device but synced late is judged by the later time', { notes: [makeNote({ at: '2026-11-23T07:00:00.000Z' })] }, none, []],
    [
      'an open conflict stays; a resolved old one goes',
      { conflicts: [makeConflict(), makeConflict({ id: 'c:8', status: 'resolved' })] },
      none,
      ['conflicts/c:8'],
    ],
  ] as const)('%s', (_name, snapshot, protect, want) => {
    expect(ids(snapshot, protect)).toEqual([...want].sort());
  });

  const op = makeUser();
  const lead = makeUser({ id: IDS.lead, role: 'lead', badge: 'B-200' });
  it.each([
    [
      'acknowledged by everyone it reaches: goes with its acknowledgements',
      [op],
      [makeAcknowledgement()],
      ['acknowledgements/chg-1:u-op', 'scheduleChanges/chg-1'],
    ],
    ['still waiting for someone: stays, whatever its age', [op, lead], [makeAcknowledgement()], []],
    [
      'someone inactive need not acknowledge',
      [op, { ...lead, active: false }],
      [makeAcknowledgement()],
      ['acknowledgements/chg-1:u-op', 'scheduleChanges/chg-1'],
    ],
  ] as const)('a schedule change %s', (_name, users, acks, want) => {
    expect(ids({ scheduleChanges: [makeChange()], acknowledgements: acks, users })).toEqual(want);
  });

  it('a change without acknowledgements required goes once old; an acknowledgement of a change not held goes once old', () => {
    expect(ids({ scheduleChanges: [makeChange({ requiresAck: false })] })).toEqual(['scheduleChanges/chg-1']);
    expect(ids({ acknowledgements: [makeAcknowledgement()] })).toEqual(['acknowledgements/chg-1:u-op']);
  });

  it.each([
    ['released', true],
    ['in-progress', true],
    ['completed', false],
    ['cancelled', false],
  ] as const)('a work order %s is live: %s', (status, live) => expect(isLive.workOrder({ status })).toBe(live));

  it('a record the server has not stamped yet is new', () => {
    expect(lastTouched({ updatedAt: '', at: '2020-01-01T00:00:00.000Z' })).toBe(Number.POSITIVE_INFINITY);
    expect(lastTouched({ updatedAt: '2026-01-01T00:00:00.000Z', releasedAt: '2026-01-02T00:00:00.000Z' })).toBe(Date.parse('2026-01-02T00:00:00.000Z'));
  });

  it('the console keeps 14 days', () => {
    expect(consoleCutoff(Date.parse('2026-11-15T12:00:00.000Z'))).toBe(Date.parse('2026-11-01T12:00:00.000Z'));
  });
});

describe('previous shift start (D4: a station keeps the current and the previous shift)', () => {
  const three = [{ start: '06:00' }, { start: '14:00' }, { start: '22:00' }];
  const utc = () => 0;
  const chicago = (ms: number) => (ms < Date.parse('2026-11-01T07:00:00.000Z') ? -300 : -360); // CDT until 1 Nov 02:00 local
  it.each([
    ['in the day shift, the night shift that crossed midnight', three, '2026-11-21T10:00:00.000Z', utc, '2026-11-20T22:00:00.000Z'],
    ['at the start of a shift, the one before it', three, '2026-11-21T14:00:00.000Z', utc, '2026-11-21T06:00:00.000Z'],
    ['in the night shift after midnight, the swing shift of the day before', three, '2026-11-21T03:00:00.000Z', utc, '2026-11-20T14:00:00.000Z'],
    [
      'between two shifts of a plant that does not run at night, the last two that began',
      [{ start: '06:00' }, { start: '14:00' }],
      '2026-11-21T23:30:00.000Z',
      utc,
      '2026-11-21T06:00:00.000Z',
    ],
    ['one shift a day: the day before', [{ start: '07:00' }], '2026-11-21T09:00:00.000Z', utc, '2026-11-20T07:00:00.000Z'],
    ['in the plant’s zone (Chicago, 10:00 local)', three, '2026-11-21T16:00:00.000Z', chicago, '2026-11-21T04:00:00.000Z'],
    ['across the end of summer time, each shift on the wall clock of its own day', three, '2026-11-01T13:00:00.000Z', chicago, '2026-11-01T03:00:00.000Z'],
  ] as const)('%s', (_name, shifts, now, offset, want) => {
    expect(new Date(previousShiftStart(shifts, Date.parse(now), offset)!).toISOString()).toBe(want);
  });

  it('no shifts in the calendar: undefined (the caller falls back)', () => {
    expect(previousShiftStart([], Date.now(), utc)).toBeUndefined();
  });
});
