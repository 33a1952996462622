// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeProblem, relativeTime, sentenceFor } from '../../app/components/outcome-text';
import { buildQueue, compareQueueItems } from '../../app/queries/queue';
import { ackMatrix, pendingAcksFor } from '../../app/queries/ack-matrix';
import {
  EMPTY_LOCKOUT,
  LOCK_MS,
  MAX_FAILURES,
  formatRemaining,
  isLocked,
  localLockoutStore,
  recordFailure,
  recordSuccess,
  remainingMs,
} from '../../app/session/lockout';
import type { Acknowledgement, Hold, Operation, ScheduleChange, Station, User, WorkOrder } from '../../shared/schema';

const meta = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const makeWo = (o: Partial<WorkOrder>): WorkOrder => ({
  id: 'wo1',
  number: 'WO-1',
  partNumber: 'P-1',
  description: 'Bracket',
  revision: 'A',
  quantity: 10,
  dueAt: '2026-01-10T00:00:00.000Z',
  priority: 5,
  status: 'released',
  operationCount: 1,
  stationIds: ['s1'],
  ...meta,
  ...o,
});
const makeOp = (o: Partial<Operation>): Operation => ({
  id: 'op1',
  workOrderId: 'wo1',
  seq: 10,
  stationId: 's1',
  name: 'Cut',
  idealCycleSeconds: 30,
  status: 'pending',
  good: 0,
  scrap: 0,
  lastChange: null,
  ...meta,
  ...o,
});
const makeHold = (o: Partial<Hold>): Hold => ({
  id: 'h1',
  workOrderId: 'wo1',
  operationId: null,
  kind: 'quality',
  reason: 'burrs',
  status: 'open',
  placedBy: 'u9',
  placedDeviceId: 'console',
  placedAt: '2026-01-01T09:55:00.000Z',
  releasedBy: null,
  releasedDeviceId: null,
  releasedAt: null,
  stationIds: ['s1'],
  ...meta,
  ...o,
});
const makeUser = (o: Partial<User>): User => ({
  id: 'u1',
  name: 'Ana',
  badge: 'B1',
  role: 'operator',
  stationIds: ['s1'],
  pin: null,
  active: true,
  ...meta,
  ...o,
});
const makeChange = (o: Partial<ScheduleChange>): ScheduleChange => ({
  id: 'c1',
  kind: 'priority-shift',
  message: 'Run WO-2 first',
  stationIds: ['s1'],
  workOrderIds: [],
  requiresAck: true,
  postedBy: 'u9',
  postedAt: '2026-01-01T08:00:00.000Z',
  ...meta,
  ...o,
});
const makeAck = (o: Partial<Acknowledgement>): Acknowledgement => ({
  id: 'c1:u1',
  changeId: 'c1',
  userId: 'u1',
  deviceId: 'd1',
  stationId: 's1',
  at: '2026-01-01T08:05:00.000Z',
  stationIds: ['s1'],
  ...meta,
  ...o,
});

describe('code → sentence', () => {
  it.each([
    ['work-order-on-hold', 'The job is on hold.'],
    ['operation-already-completed', 'The operation was already completed.'],
    ['not-allowed-at-station', 'You are not allowed to work at this station.'],
  ])('%s reads as words', (code, words) => {
    expect(sentenceFor(code)).toBe(words);
  });

  it('falls back to the server message, then to a generic sentence, never to the code', () => {
    expect(sentenceFor('something-new', 'the moon is down')).toBe('The moon is down.');
    expect(sentenceFor('something-new')).toBe('The server refused this change.');
  });

  it('describes a hold conflict with both times and the other person', () => {
    const at = new Date(2026, 0, 1, 10, 2).toISOString();
    const other = new Date(2026, 0, 1, 9, 55).toISOString();
    const text = describeProblem(
      {
        kind: 'conflict',
        mutation: 'completeOperation',
        at,
        code: 'work-order-on-hold',
        message: 'the job was put on quality hold: burrs',
        other: { mutation: 'placeHold', actorId: 'u9', at: other },
      },
      (id) => (id === 'u9' ? 'Carla' : undefined),
    );
    expect(text).toBe('Your completion at 10:02 was not applied: the job was put on quality hold at 09:55 by Carla.');
  });

  it('describes a rejection with its sentence', () => {
    const at = new Date(2026, 0, 1, 7, 5).toISOString();
    expect(describeProblem({ kind: 'rejected', mutation: 'addNote', at, code: 'not-allowed-at-station', message: 'x' }, () => undefined)).toBe(
      'Your note at 07:05 was not applied: you are not allowed to work at this station.',
    );
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(relativeTime('2026-01-01T09:58:00Z', now)).toBe('2 min. ago');
    expect(relativeTime('2026-01-01T09:59:50Z', now)).toBe('just now');
    expect(relativeTime(null, now)).toBe('never');
  });
});

describe('station queue', () => {
  it('orders by priority, then due date, then sequence', () => {
    const wos = [
      makeWo({ id: 'a', priority: 2, dueAt: '2026-01-05T00:00:00.000Z' }),
      makeWo({ id: 'b', priority: 1, dueAt: '2026-01-09T00:00:00.000Z' }),
      makeWo({ id: 'c', priority: 2, dueAt: '2026-01-03T00:00:00.000Z' }),
    ];
    const ops = [
      makeOp({ id: 'a20', workOrderId: 'a', seq: 20 }),
      makeOp({ id: 'a10', workOrderId: 'a', seq: 10 }),
      makeOp({ id: 'c10', workOrderId: 'c', seq: 10 }),
      makeOp({ id: 'b10', workOrderId: 'b', seq: 10 }),
      makeOp({ id: 'x', workOrderId: 'b', stationId: 'other' }),
    ];
    expect(buildQueue('s1', ops, wos, []).map((i) => i.operation.id)).toEqual(['b10', 'c10', 'a10', 'a20']);
  });

  it('keeps work completed since the cut-off at the bottom, newest first, so its final count can be reported', () => {
    const done = (id: string, at: string) =>
      makeOp({ id, status: 'completed', lastChange: { mutation: 'completeOperation', actorId: 'u', deviceId: 'd', at } });
    const ops = [
      done('old', '2026-01-01T06:00:00.000Z'),
      done('d1', '2026-01-01T10:00:00.000Z'),
      done('d2', '2026-01-01T11:00:00.000Z'),
      makeOp({ id: 'open' }),
    ];
    const q = buildQueue('s1', ops, [makeWo({})], [], Date.parse('2026-01-01T08:00:00.000Z'));
    expect(q.map((i) => i.operation.id)).toEqual(['open', 'd2', 'd1']);
  });

  it('drops cancelled work', () => {
    const q = buildQueue('s1', [makeOp({ id: 'c' })], [makeWo({ status: 'cancelled' })], [], 0);
    expect(q).toEqual([]);
  });

  it('drops completed work and marks held work with its hold', () => {
    const ops = [makeOp({ id: 'done', status: 'completed' }), makeOp({ id: 'held' }), makeOp({ id: 'free', workOrderId: 'wo2' })];
    const wos = [makeWo({}), makeWo({ id: 'wo2' })];
    const q = buildQueue('s1', ops, wos, [makeHold({}), makeHold({ id: 'h2', workOrderId: 'wo2', status: 'released' })]);
    expect(q.map((i) => [i.operation.id, i.hold?.id ?? null])).toEqual([
      ['free', null],
      ['held', 'h1'],
    ]);
  });

  it('an operation hold blocks only that operation', () => {
    const ops = [makeOp({ id: 'o1' }), makeOp({ id: 'o2', seq: 20 })];
    const q = buildQueue('s1', ops, [makeWo({})], [makeHold({ operationId: 'o2' })]);
    expect(q.map((i) => Boolean(i.hold))).toEqual([false, true]);
  });

  it('is a strict order (antisymmetric)', () => {
    const a = { id: 'a', operation: makeOp({ id: 'a' }), workOrder: makeWo({}), hold: undefined };
    const b = { id: 'b', operation: makeOp({ id: 'b' }), workOrder: makeWo({}), hold: undefined };
    expect(compareQueueItems(a, b)).toBeLessThan(0);
    expect(compareQueueItems(b, a)).toBeGreaterThan(0);
  });
});

describe('sign-in lock-out', () => {
  it(`locks after ${MAX_FAILURES} failures for five minutes`, () => {
    let s = EMPTY_LOCKOUT;
    const t0 = 1_000_000;
    for (let i = 0; i < MAX_FAILURES - 1; i++) s = recordFailure(s, t0 + i);
    expect(isLocked(s, t0 + 10)).toBe(false);
    s = recordFailure(s, t0 + 10);
    expect(isLocked(s, t0 + 11)).toBe(true);
    expect(remainingMs(s, t0 + 10)).toBe(LOCK_MS);
    expect(LOCK_MS).toBe(5 * 60_000);
    expect(isLocked(s, t0 + 10 + LOCK_MS)).toBe(false);
  });

  it('failures while locked do not extend the lock; success clears the count', () => {
    const locked = { failures: 0, lockedUntil: 5000 };
    expect(recordFailure(locked, 4000)).toEqual(locked);
    expect(recordSuccess()).toEqual({ failures: 0, lockedUntil: 0 });
  });

  it('survives a reload through localStorage', () => {
    localStorage.clear();
    const store = localLockoutStore('test.lockout.');
    store.save('B1', { failures: 0, lockedUntil: 123456 });
    expect(localLockoutStore('test.lockout.').load('B1')).toEqual({ failures: 0, lockedUntil: 123456 });
    localStorage.setItem('test.lockout.B1', '{broken');
    expect(store.load('B1')).toEqual({ failures: 0, lockedUntil: 0 });
  });

  it('formats the countdown', () => {
    expect(formatRemaining(LOCK_MS)).toBe('5:00');
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(500)).toBe('0:01');
  });
});

describe('acknowledgement matrix', () => {
  const stations: Station[] = [
    { id: 's1', name: 'Saw', departmentId: 'd', line: '', ...meta },
    { id: 's2', name: 'Mill', departmentId: 'd', line: '', ...meta },
  ];
  const users = [
    makeUser({ id: 'u1', name: 'Ana', stationIds: ['s1'] }),
    makeUser({ id: 'u2', name: 'Ben', stationIds: ['s1', 's2'] }),
    makeUser({ id: 'u3', name: 'Cy', stationIds: ['s2'], active: false }),
    makeUser({ id: 'u4', name: 'Dee', stationIds: ['s2'], role: 'coordinator' }),
    makeUser({ id: 'u5', name: 'Eve', stationIds: ['s3'] }),
  ];

  it('lists the active operators of the target stations, one row a person, with acknowledgements', () => {
    const change = makeChange({ stationIds: ['s1', 's2'] });
    const m = ackMatrix(change, stations, users, [makeAck({}), makeAck({ id: 'other:u2', changeId: 'other', userId: 'u2' })]);
    expect(m.rows.map((r) => [r.user.name, r.stations.map((s) => s.name), r.ack ? 'yes' : 'no'])).toEqual([
      ['Ana', ['Saw'], 'yes'],
      ['Ben', ['Saw', 'Mill'], 'no'],
    ]);
    expect(m.total).toBe(2);
    expect(m.acknowledged).toBe(1);
  });

  it('pending acknowledgements skip done, unacked and foreign changes', () => {
    const changes = [
      makeChange({ id: 'c1' }),
      makeChange({ id: 'c2', postedAt: '2026-01-01T09:00:00.000Z' }),
      makeChange({ id: 'c3', requiresAck: false }),
      makeChange({ id: 'c4', stationIds: ['s9'] }),
    ];
    expect(pendingAcksFor('u1', ['s1'], changes, [makeAck({ id: 'c1:u1' })]).map((c) => c.id)).toEqual(['c2']);
    expect(pendingAcksFor('u2', ['s1'], changes, [makeAck({ id: 'c1:u1' })]).map((c) => c.id)).toEqual(['c2', 'c1']);
  });
});

describe('problem wording details', () => {
  it('names the job and falls back to "the coordinator" for console actions', () => {
    const at = new Date(2026, 0, 1, 10, 2).toISOString();
    const other = new Date(2026, 0, 1, 9, 55).toISOString();
    const text = describeProblem(
      {
        kind: 'conflict',
        mutation: 'startOperation',
        at,
        code: 'work-order-on-hold',
        message: 'the job was put on material hold: no stock',
        subject: 'WO-7 op 20',
        other: { mutation: 'placeHold', actorId: 'boss', deviceId: 'console', at: other },
      },
      () => undefined,
    );
    expect(text).toBe('Your start of the operation (WO-7 op 20) at 10:02 was not applied: the job was put on material hold at 09:55 by the coordinator.');
  });
});
