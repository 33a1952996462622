import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FloorboardDB, openDatabase } from '../../app/db';
import { resolveScan } from '../../app/scan';
import { parseScan } from '../../shared/barcode';
import type { EntityName } from '../../shared/schema';
import { STATIONS } from '../../server/seed/plant';
import { createRng } from '../../server/seed/rng';
import { workOrderGroup } from '../../server/seed/work-orders';

// The seed's own builder makes the records; this tablet serves the mill and the 5-axis, and its
// replica holds only their share of the operations, as a pull would give it.
const MINE = ['st-mill-1', 'st-5axis-1'];
const meta = { version: 1, updatedAt: '2026-12-01T00:00:00.000Z' };

function hydraulicManifold(number: string) {
  const rng = createRng(7);
  for (;;) {
    const g = workOrderGroup(rng, { idPrefix: '', number, today: Date.UTC(2026, 11, 1), priority: 1 });
    if ((g[0]!.value.description as string).startsWith('Hydraulic')) return g;
  }
}

let db: FloorboardDB;
const put = (entity: EntityName, value: Record<string, unknown>) => db.table(entity).put({ ...meta, ...value });

beforeAll(async () => {
  db = await openDatabase(`scan-resolve-${process.pid}`);
  for (const s of STATIONS) await put('stations', { ...s });
  for (const number of ['WO-241001', 'WO-241002', 'WO-241003']) {
    for (const r of hydraulicManifold(number)) {
      if (r.entity === 'operations' && !MINE.includes(r.value.stationId as string)) continue;
      await put(r.entity, r.value);
    }
  }
  // WO-241002: the first article held at the mill; WO-241003: its mill and 5-axis work is done.
  await put('holds', {
    id: 'h-1',
    workOrderId: 'wo-WO-241002',
    operationId: 'op-WO-241002-10',
    kind: 'quality',
    reason: 'First article out of tolerance',
    status: 'open',
    placedBy: 'u-lead-santos',
    placedDeviceId: 'd-1',
    placedAt: meta.updatedAt,
    releasedBy: null,
    releasedDeviceId: null,
    releasedAt: null,
    stationIds: ['st-mill-1'],
  });
  await put('holds', {
    id: 'h-2',
    workOrderId: 'wo-WO-241002',
    operationId: 'op-WO-241002-20',
    kind: 'material',
    reason: 'Released one',
    status: 'released',
    placedBy: 'u-lead-santos',
    placedDeviceId: 'd-1',
    placedAt: meta.updatedAt,
    releasedBy: 'u-lead-santos',
    releasedDeviceId: 'd-1',
    releasedAt: meta.updatedAt,
    stationIds: ['st-5axis-1'],
  });
  for (const seq of [10, 20]) await db.entity('operations').update(`op-WO-241003-${seq}`, { status: 'completed' });
});
afterAll(() => db.close());

const revOf = async (number: string) => (await db.entity('workOrders').get(`wo-${number}`))!.revision;
const scan = (raw: string, stations = MINE) => resolveScan(db, parseScan(raw), stations);

describe('[§9] resolveScan against the replica', () => {
  it('a traveler of an operation at this tablet opens that job', async () => {
    const rev = await revOf('WO-241001');
    expect(await scan(`FB1|WO-241001|20|${rev}`)).toEqual({
      kind: 'job',
      operationId: 'op-WO-241001-20',
      stationId: 'st-5axis-1',
      workOrder: 'WO-241001',
      holds: [],
    });
  });

  it('a cover sheet or a bare work-order number opens the first open operation here', async () => {
    const rev = await revOf('WO-241001');
    expect(await scan(`FB1|WO-241001||${rev}`)).toMatchObject({ kind: 'job', operationId: 'op-WO-241001-10' });
    expect(await scan('WO-241001')).toMatchObject({ kind: 'job', operationId: 'op-WO-241001-10', stationId: 'st-mill-1' });
    // The seed's own cover payload.
    const trv = await db.entity('travelers').get('trv-WO-241001');
    expect(await scan(trv!.barcode)).toMatchObject({ kind: 'job', operationId: 'op-WO-241001-10' });
  });

  it('a job with an open hold comes with the hold, not with released ones', async () => {
    expect(await scan('WO-241002')).toEqual({
      kind: 'job',
      operationId: 'op-WO-241002-10',
      stationId: 'st-mill-1',
      workOrder: 'WO-241002',
      holds: [{ id: 'h-1', kind: 'quality', reason: 'First article out of tolerance', operationId: 'op-WO-241002-10' }],
    });
    expect(await scan(`FB1|WO-241002|20|${await revOf('WO-241002')}`)).toMatchObject({ kind: 'job', holds: [] });
  });

  it('an operation at a station the tablet does not hold is elsewhere, named from the routing', async () => {
    expect(await scan(`FB1|WO-241001|30|${await revOf('WO-241001')}`)).toEqual({
      kind: 'elsewhere',
      workOrder: 'WO-241001',
      stationName: 'Final Assembly Line 1',
      status: 'released',
    });
  });

  it('an operation the replica holds at another station says that station and its status', async () => {
    await db.entity('operations').update('op-WO-241001-20', { status: 'running' });
    expect(await scan(`FB1|WO-241001|20|${await revOf('WO-241001')}`, ['st-mill-1'])).toEqual({
      kind: 'elsewhere',
      workOrder: 'WO-241001',
      stationName: 'DMG Mori 5-Axis Mill',
      status: 'running',
    });
    await db.entity('operations').update('op-WO-241001-20', { status: 'pending' });
  });

  it('a work order whose work here is all done opens the last operation here', async () => {
    expect(await scan('WO-241003')).toMatchObject({ kind: 'job', operationId: 'op-WO-241003-20' });
  });

  it('[T5] a printed revision that is not the released traveler is superseded, with both revisions', async () => {
    const released = await revOf('WO-241001');
    expect(await scan(`FB1|WO-241001|10|Z9`)).toEqual({ kind: 'superseded', workOrder: 'WO-241001', printed: 'Z9', released });
    // A new revision released: the traveler record decides, even before the work order changes.
    await db.entity('travelers').update('trv-WO-241001', { status: 'superseded' });
    await put('travelers', { ...(await db.entity('travelers').get('trv-WO-241001')), id: 'trv-WO-241001-Z9', revision: 'Z9', status: 'released' });
    expect(await scan(`FB1|WO-241001|10|${released}`)).toEqual({ kind: 'superseded', workOrder: 'WO-241001', printed: released, released: 'Z9' });
    expect(await scan('FB1|WO-241001|10|Z9')).toMatchObject({ kind: 'job', operationId: 'op-WO-241001-10' });
  });

  it.each([
    ['a work order the replica does not hold', 'WO-999999', 'WO-999999'],
    ['a badge', 'B1001', 'B1001'],
    ['a GS1 code', ']C10109506000134352', '09506000134352'],
    ['noise', 'hello world', 'hello world'],
  ])('%s is unknown', async (_name, raw, shown) => {
    expect(await scan(raw)).toEqual({ kind: 'unknown', raw: shown });
  });
});
