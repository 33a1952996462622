import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FloorboardDB } from '../../app/db';
import { buildJobModel, readJobSnapshot } from '../../app/screens/job/job-model';
import type { Document, Traveler } from '../../shared/schema';
import { IDS, makeAcknowledgement, makeChange, makeHold, makeNote, makeOperation, makeStation, makeWorkOrder } from '../fakes/builders';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const makeTraveler = (o: Partial<Traveler> = {}): Traveler => ({
  id: 'trv-1',
  workOrderId: IDS.wo,
  barcode: 'FB1|WO-10042|C',
  revision: 'C',
  status: 'released',
  documentIds: ['doc-1', 'doc-gone'],
  flags: ['first-article', 'customer-special'],
  notes: 'Customer witnesses the first part.',
  releasedAt: '2026-11-20T08:00:00.000Z',
  releasedBy: IDS.coordinator,
  stationIds: [IDS.saw, IDS.mill],
  version: 1,
  updatedAt: '2026-11-20T08:00:00.000Z',
  ...o,
});
const doc: Document = {
  id: 'doc-1',
  number: 'DWG-1001',
  title: 'Bracket drawing',
  revision: 'C',
  status: 'released',
  contentType: 'application/pdf',
  sha256: 'a'.repeat(64),
  bytes: 1000,
  releasedAt: '2026-11-20T08:00:00.000Z',
  releasedBy: IDS.coordinator,
  stationIds: [IDS.saw],
  version: 1,
  updatedAt: '2026-11-20T08:00:00.000Z',
};

let db: FloorboardDB | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
});

/** A saw tablet's replica: its own operation, the work order with its routing summary (the mill's step is not on this tablet). */
async function sawReplica(): Promise<FloorboardDB> {
  db = await openDatabase(`job-${Math.random()}`);
  await db.entity('stations').bulkPut([makeStation(), makeStation({ id: IDS.mill, name: 'Mill 1' })]);
  await db.entity('workOrders').put(
    makeWorkOrder({
      quantity: 100,
      routing: [
        { operationId: IDS.opSaw, seq: 1, stationId: IDS.saw, name: 'Cut to length', status: 'pending' },
        { operationId: IDS.opMill, seq: 2, stationId: IDS.mill, name: 'Mill slots', status: 'paused' },
      ],
    }),
  );
  // This tablet's own record is fresher than the summary (an optimistic start).
  await db.entity('operations').put(makeOperation({ status: 'running', good: 30, scrap: 2 }));
  await db
    .entity('travelers')
    .bulkPut([makeTraveler(), makeTraveler({ id: 'trv-0', revision: 'B', status: 'superseded', releasedAt: '2026-11-01T08:00:00.000Z' })]);
  await db.entity('documents').put(doc);
  return db;
}

describe('the job screen model, from a replica', () => {
  it('shows the whole routing with this operation marked and the other station’s status from the summary', async () => {
    const d = await sawReplica();
    const m = buildJobModel(await readJobSnapshot(d, IDS.opSaw, IDS.operator, IDS.saw), NOW)!;
    expect(m.routing.map((r) => [r.seq, r.stationName, r.status, r.isThis])).toEqual([
      [1, 'Saw 1', 'running', true],
      [2, 'Mill 1', 'paused', false],
    ]);
    expect(m.routingMissing).toBe(0);
  });

  it('gives the figures, late mark, traveler revision and flags', async () => {
    const d = await sawReplica();
    const m = buildJobModel(await readJobSnapshot(d, IDS.opSaw, IDS.operator, IDS.saw), NOW)!;
    expect(m.workOrder?.number).toBe('WO-10042');
    expect(m.remaining).toBe(70);
    expect(m.late).toBe(true); // due 2026-11-25
    expect(m.traveler?.revision).toBe('C');
    expect(m.flags).toEqual(['first-article', 'customer-special']);
    expect(m.flagNotes).toBe('Customer witnesses the first part.');
  });

  it('lists the open holds that block this operation, oldest first, and not released ones or another operation’s', async () => {
    const d = await sawReplica();
    await d
      .entity('holds')
      .bulkPut([
        makeHold({ id: 'h-new', placedAt: '2026-11-21T11:00:00.000Z', kind: 'material' }),
        makeHold({ id: 'h-old', placedAt: '2026-11-21T08:00:00.000Z' }),
        makeHold({ id: 'h-done', status: 'released' }),
        makeHold({ id: 'h-mill', operationId: IDS.opMill }),
      ]);
    const m = buildJobModel(await readJobSnapshot(d, IDS.opSaw, IDS.operator, IDS.saw), NOW)!;
    expect(m.holds.map((h) => h.id)).toEqual(['h-old', 'h-new']);
    expect(m.item.hold?.id).toBe('h-old');
  });

  it('shows the schedule changes for this work order the person has not acknowledged, and notes that name it', async () => {
    const d = await sawReplica();
    await d
      .entity('scheduleChanges')
      .bulkPut([
        makeChange({ id: 'c-wo', message: 'expedite' }),
        makeChange({ id: 'c-done', message: 'seen' }),
        makeChange({ id: 'c-other', workOrderIds: ['wo-other'] }),
      ]);
    await d.entity('acknowledgements').put(makeAcknowledgement({ id: `c-done:${IDS.operator}`, changeId: 'c-done' }));
    await d.entity('notes').bulkPut([makeNote({ id: 'n1', text: 'wo-10042 needs a new blade' }), makeNote({ id: 'n2', text: 'coolant low' })]);
    const m = buildJobModel(await readJobSnapshot(d, IDS.opSaw, IDS.operator, IDS.saw), NOW)!;
    expect(m.changes.map((c) => c.id)).toEqual(['c-wo']);
    expect(m.notes.map((n) => n.id)).toEqual(['n1']);
  });

  it('without a routing summary (an older work order) it shows what the tablet holds and counts the rest as unknown', async () => {
    const d = await sawReplica();
    await d.entity('workOrders').put(makeWorkOrder({ operationCount: 3 }));
    const m = buildJobModel(await readJobSnapshot(d, IDS.opSaw, IDS.operator, IDS.saw), NOW)!;
    expect(m.routing.map((r) => r.operationId)).toEqual([IDS.opSaw]);
    expect(m.routingMissing).toBe(2);
  });

  it('is undefined for an operation that is not on this tablet', async () => {
    const d = await sawReplica();
    expect(buildJobModel(await readJobSnapshot(d, 'op-elsewhere', IDS.operator, IDS.saw), NOW)).toBeUndefined();
  });
});
