import { describe, expect, it } from 'vitest';
import type { Operation, WorkOrder } from '../../shared/schema';
import { buildQueue, type QueueItem } from '../../app/queries/queue';
import { filterQueue, isLate, NO_FILTER, remainingOf, scheduleOrder, type QueueFilter } from '../../app/queries/queue-filter';
import { makeHold, makeOperation, makeWorkOrder } from '../fakes/builders';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const item = (op: Partial<Operation>, wo: Partial<WorkOrder> = {}, held = false): QueueItem => {
  const operation = makeOperation({ workOrderId: wo.id ?? 'wo-1', ...op });
  return { id: operation.id, operation, workOrder: makeWorkOrder(wo), hold: held ? makeHold({ workOrderId: wo.id ?? 'wo-1' }) : undefined };
};
const ids = (items: QueueItem[]) => items.map((i) => i.id);

describe('queue schedule order', () => {
  it('puts late work first, whatever its priority: an overdue job does not sit under jobs due later', () => {
    const items = Array.from({ length: 9 }, (_, i) => item({ id: `p${i + 1}` }, { id: `wo-p${i + 1}`, priority: i + 1, dueAt: '2026-11-28T12:00:00.000Z' }));
    items.push(item({ id: 'late' }, { id: 'wo-late', priority: 50, dueAt: '2026-11-20T12:00:00.000Z' }));
    expect(ids(scheduleOrder(items, NOW))[0]).toBe('late');
  });

  it.each<[string, Partial<WorkOrder>, Partial<WorkOrder>, Partial<Operation>, Partial<Operation>]>([
    ['priority before due date', { priority: 1, dueAt: '2026-11-30T00:00:00.000Z' }, { priority: 2, dueAt: '2026-11-22T00:00:00.000Z' }, {}, {}],
    ['due date when the priority is the same', { priority: 2, dueAt: '2026-11-22T00:00:00.000Z' }, { priority: 2, dueAt: '2026-11-30T00:00:00.000Z' }, {}, {}],
    ['among late work, priority first', { priority: 1, dueAt: '2026-11-20T00:00:00.000Z' }, { priority: 3, dueAt: '2026-11-19T00:00:00.000Z' }, {}, {}],
    ['routing sequence last', {}, {}, { seq: 1 }, { seq: 2 }],
  ])('%s', (_, woA, woB, opA, opB) => {
    const a = item({ id: 'a', ...opA }, { id: 'wa', ...woA });
    const b = item({ id: 'b', ...opB }, { id: 'wb', ...woB });
    expect(ids(scheduleOrder([b, a], NOW))).toEqual(['a', 'b']);
    expect(ids(scheduleOrder([a, b], NOW))).toEqual(['a', 'b']);
  });

  it('is a strict order: equal keys fall back to the id', () => {
    expect(ids(scheduleOrder([item({ id: 'b' }), item({ id: 'a' })], NOW))).toEqual(['a', 'b']);
  });

  it('buildQueue orders open work by the schedule at the time given', () => {
    const ops = [makeOperation({ id: 'soon', workOrderId: 'w1' }), makeOperation({ id: 'over', workOrderId: 'w2' })];
    const wos = [
      makeWorkOrder({ id: 'w1', priority: 1, dueAt: '2026-11-25T00:00:00.000Z' }),
      makeWorkOrder({ id: 'w2', priority: 9, dueAt: '2026-11-20T00:00:00.000Z' }),
    ];
    expect(ids(buildQueue('st-saw', ops, wos, [], 0, NOW))).toEqual(['over', 'soon']);
  });
});

describe('late and remaining', () => {
  it.each<[string, Partial<Operation>, Partial<WorkOrder>, boolean]>([
    ['due passed', {}, { dueAt: '2026-11-21T11:59:00.000Z' }, true],
    ['due ahead', {}, { dueAt: '2026-11-21T12:01:00.000Z' }, false],
    ['completed work is never late', { status: 'completed' }, { dueAt: '2026-11-01T00:00:00.000Z' }, false],
  ])('%s', (_, op, wo, late) => expect(isLate(item(op, wo), NOW)).toBe(late));

  it('remaining is ordered less good, never below zero', () => {
    expect(remainingOf(item({ good: 30, scrap: 5 }, { quantity: 100 }))).toBe(70);
    expect(remainingOf(item({ good: 130 }, { quantity: 100 }))).toBe(0);
    expect(remainingOf({ ...item({}), workOrder: undefined })).toBeUndefined();
  });
});

describe('queue filter and search', () => {
  const queue = [
    item({ id: 'run', status: 'running' }, { id: 'w1', number: 'WO-241001', partNumber: 'BRK-1000-01', description: 'Bracket, mounting' }),
    item({ id: 'pause', status: 'paused' }, { id: 'w2', number: 'WO-241002', partNumber: 'SHF-2000-02', description: 'Shaft, drive' }),
    item({ id: 'ready' }, { id: 'w3', number: 'WO-241003', partNumber: 'PLT-3000', description: 'Plate', dueAt: '2026-11-20T00:00:00.000Z' }),
    item({ id: 'held' }, { id: 'w4', number: 'WO-241004', partNumber: 'PLT-4000', description: 'Cover plate' }, true),
  ];
  it.each<[string, Partial<QueueFilter>, string[]]>([
    ['no filter shows everything', {}, ['run', 'pause', 'ready', 'held']],
    ['running', { status: 'running' }, ['run']],
    ['paused', { status: 'paused' }, ['pause']],
    ['ready to start leaves held work out', { status: 'ready' }, ['ready']],
    ['late only', { lateOnly: true }, ['ready']],
    ['search by work order number', { search: '241002' }, ['pause']],
    ['search by part, any case, trimmed', { search: '  plt-  ' }, ['ready', 'held']],
    ['search by description', { search: 'plate' }, ['ready', 'held']],
    ['search and a status together', { search: 'plate', status: 'ready' }, ['ready']],
    ['nothing matches', { search: 'zzz' }, []],
  ])('%s', (_, f, expected) => {
    expect(ids(filterQueue(queue, { ...NO_FILTER, ...f }, NOW))).toEqual(expected);
  });

  it('a work order edited in place (a new version) is searched by its new words', () => {
    const it0 = item({ id: 'x' }, { id: 'wx', description: 'Bracket', version: 1 });
    expect(filterQueue([it0], { ...NO_FILTER, search: 'flange' }, NOW)).toEqual([]);
    Object.assign(it0.workOrder!, { description: 'Flange', version: 2 });
    expect(ids(filterQueue([it0], { ...NO_FILTER, search: 'flange' }, NOW))).toEqual(['x']);
  });
});
