import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationStatus, WorkOrder } from '../../shared/schema';
import type { QueueItem } from '../../app/queries/queue';
import { filterQueue, NO_FILTER, scheduleOrder, type QueueFilter } from '../../app/queries/queue-filter';
import { filterPrepared, prepareQueue } from '../../app/queries/queue-prepared';
import { makeHold, makeOperation, makeWorkOrder } from '../fakes/builders';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const MAX = Number.MAX_SAFE_INTEGER;

// The reference: the rules as the unit tests of ui-queue-filter.test.ts state them, written the
// slow, obvious way (dates parsed in every comparison, every field lower-cased for every item).
const refLate = (i: QueueItem, now: number) => Boolean(i.workOrder) && i.operation.status !== 'completed' && Date.parse(i.workOrder!.dueAt) < now;
const refCompare = (now: number) => (a: QueueItem, b: QueueItem) => {
  const late = (refLate(a, now) ? 0 : 1) - (refLate(b, now) ? 0 : 1);
  if (late) return late;
  const pa = a.workOrder?.priority ?? MAX;
  const pb = b.workOrder?.priority ?? MAX;
  if (pa !== pb) return pa - pb;
  const da = a.workOrder ? Date.parse(a.workOrder.dueAt) : MAX;
  const db = b.workOrder ? Date.parse(b.workOrder.dueAt) : MAX;
  if (da !== db) return da - db;
  if (a.operation.seq !== b.operation.seq) return a.operation.seq - b.operation.seq;
  return a.operation.id < b.operation.id ? -1 : a.operation.id > b.operation.id ? 1 : 0;
};
const refMatches = (i: QueueItem, f: QueueFilter, now: number) => {
  const s = i.operation.status;
  if (f.status === 'running' && s !== 'running') return false;
  if (f.status === 'paused' && s !== 'paused') return false;
  if (f.status === 'ready' && (s !== 'pending' || i.hold !== undefined)) return false;
  if (f.lateOnly && !refLate(i, now)) return false;
  const needle = f.search.trim().toLowerCase();
  if (!needle) return true;
  const wo = i.workOrder;
  return wo !== undefined && [wo.number, wo.partNumber, wo.description].some((text) => text.toLowerCase().includes(needle));
};
/** Open work sorted, completed work after it as given, then the filter. */
const reference = (items: readonly QueueItem[], f: QueueFilter, now: number) =>
  [...items.filter((i) => i.operation.status !== 'completed').sort(refCompare(now)), ...items.filter((i) => i.operation.status === 'completed')].filter((i) =>
    refMatches(i, f, now),
  );

const ids = (items: readonly QueueItem[]) => items.map((i) => i.id);

// Few distinct values, so ties on priority, due date and sequence are common and the later keys decide.
const DUES = ['2026-11-19T08:00:00.000Z', '2026-11-21T11:59:00.000Z', '2026-11-21T12:00:00.000Z', '2026-11-21T12:01:00.000Z', '2026-11-30T00:00:00.000Z'];
const WORDS = ['Bracket', 'bracket, steel', 'PLATE', 'Cover plate', 'Shaft', 'Niño', 'ÉTAGE', 'GH-1000', 'gh-20', 'WO-241001', 'Q-001200'];

const arbWorkOrder = fc.record({
  number: fc.constantFrom(...WORDS),
  partNumber: fc.constantFrom(...WORDS),
  description: fc.constantFrom(...WORDS, ''),
  dueAt: fc.constantFrom(...DUES),
  priority: fc.integer({ min: 1, max: 3 }),
});
const arbOp = fc.record({
  wo: fc.nat(5),
  hasWorkOrder: fc.nat(9),
  status: fc.constantFrom<OperationStatus>('pending', 'pending', 'running', 'paused', 'completed'),
  seq: fc.integer({ min: 1, max: 3 }),
  held: fc.nat(4),
});

/** A random station queue: operations sharing a few work orders (so the search cache sees one object many times), some without one, some held. */
const arbQueue = fc
  .tuple(
    fc.array(arbWorkOrder, { minLength: 6, maxLength: 6 }),
    fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-c]{1,3}$/), arbOp), { selector: ([id]) => id, maxLength: 40 }),
  )
  .map(([wos, ops]) => {
    const workOrders: WorkOrder[] = wos.map((w, i) => makeWorkOrder({ ...w, id: `wo-${i}` }));
    return ops.map(([id, o]): QueueItem => {
      const workOrder = o.hasWorkOrder === 0 ? undefined : workOrders[o.wo];
      const operation = makeOperation({ id, workOrderId: `wo-${o.wo}`, status: o.status, seq: o.seq });
      return { id, operation, workOrder, hold: o.held === 0 ? makeHold({ workOrderId: `wo-${o.wo}` }) : undefined };
    });
  });

/** A search as an operator types it: part of a field, any case, with spaces around; or anything. */
const arbSearch = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc
    .tuple(fc.constantFrom(...WORDS), fc.nat(12), fc.nat(12), fc.boolean(), fc.constantFrom('', ' ', '  '))
    .map(([w, a, b, upper, pad]) => `${pad}${(upper ? w.toUpperCase() : w.toLowerCase()).slice(Math.min(a, b), Math.max(a, b) + 1)}${pad}`),
  // The end of one word and the start of another: must not match across two fields.
  fc
    .tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 3 }))
    .map(([a, b, n]) => `${a.slice(-n)}${b.slice(0, n)}`.toLowerCase()),
  fc.string({ maxLength: 4 }),
);
const arbFilter = fc.record<QueueFilter>({ status: fc.constantFrom('all', 'running', 'paused', 'ready'), lateOnly: fc.boolean(), search: arbSearch });
const arbNow = fc.constantFrom(NOW, NOW - 60_000, NOW + 60_000, Date.parse(DUES[0]!), Date.parse(DUES[4]!) + 1);

describe('the prepared queue gives what the plain sort and filter give', () => {
  it('prepareQueue + filterPrepared equals the reference sort and filter over random queues and filters', () => {
    let matched = 0;
    let late = 0;
    fc.assert(
      fc.property(arbQueue, arbFilter, arbNow, (items, f, now) => {
        const got = ids(filterPrepared(prepareQueue(items, now), f, now));
        const want = ids(reference(items, f, now));
        expect(got).toEqual(want);
        if (want.length > 0 && f.search.trim()) matched++;
        if (want.length > 0 && f.lateOnly) late++;
      }),
      { numRuns: 2_000 },
    );
    // The run exercised searches that found something and late filters that kept something.
    expect(matched).toBeGreaterThan(40);
    expect(late).toBeGreaterThan(100);
  });

  it('one prepared queue answers many filters, as the screen asks it per keystroke', () => {
    fc.assert(
      fc.property(arbQueue, fc.array(arbFilter, { minLength: 1, maxLength: 8 }), (items, filters) => {
        const q = prepareQueue(items, NOW);
        for (const f of filters) expect(ids(filterPrepared(q, f, NOW))).toEqual(ids(reference(items, f, NOW)));
      }),
      { numRuns: 300 },
    );
  });

  it('scheduleOrder and filterQueue, the plain functions, equal the reference too', () => {
    fc.assert(
      fc.property(arbQueue, arbFilter, arbNow, (items, f, now) => {
        const open = items.filter((i) => i.operation.status !== 'completed');
        expect(ids(filterQueue(scheduleOrder(open, now), f, now))).toEqual(ids(reference(open, f, now)));
      }),
      { numRuns: 1_000 },
    );
  });

  it('counts the open work, and hands back the unfiltered queue without a copy', () => {
    const items = [
      { id: 'done', operation: makeOperation({ id: 'done', status: 'completed' }), workOrder: makeWorkOrder(), hold: undefined },
      { id: 'open', operation: makeOperation({ id: 'open' }), workOrder: makeWorkOrder(), hold: undefined },
    ];
    const q = prepareQueue(items, NOW);
    expect(q.open).toBe(1);
    expect(ids(q.items)).toEqual(['open', 'done']);
    expect(filterPrepared(q, NO_FILTER, NOW)).toBe(q.items);
  });
});
