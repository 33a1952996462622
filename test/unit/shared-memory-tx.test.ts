import { describe, expect, it } from 'vitest';
import { MemoryTx } from '../fakes/memory-tx';
import { IDS, makeHold, makeOperation, makeReasonCode, seedFloor } from '../fakes/builders';

const draft = (o: Parameters<typeof makeOperation>[0] = {}) => {
  const { version: _v, updatedAt: _u, ...d } = makeOperation(o);
  return d;
};

describe("MemoryTx (the unit tests' Tx)", () => {
  it('put stamps version from an incrementing counter and updatedAt with its server time', async () => {
    const tx = new MemoryTx({ now: '2026-11-21T13:00:00.000Z' });
    await tx.put('operations', draft());
    await tx.put('operations', draft({ id: 'op-b' }));
    await tx.put('operations', draft({ status: 'running' }));
    expect(tx.writes.map((w) => [w.value.id, w.value.version, w.value.updatedAt])).toEqual([
      [IDS.opSaw, 1, '2026-11-21T13:00:00.000Z'],
      ['op-b', 2, '2026-11-21T13:00:00.000Z'],
      [IDS.opSaw, 3, '2026-11-21T13:00:00.000Z'],
    ]);
    expect(await tx.get('operations', IDS.opSaw)).toMatchObject({ status: 'running', version: 3 });
  });

  it('byRef finds records by REF_FIELD', async () => {
    const tx = seedFloor(new MemoryTx()).seed('holds', makeHold(), makeHold({ id: 'h2', workOrderId: 'wo-x' }));
    expect((await tx.byRef('operations', IDS.wo)).map((o) => o.id)).toEqual([IDS.opSaw, IDS.opMill]);
    expect((await tx.byRef('holds', 'wo-x')).map((h) => h.id)).toEqual(['h2']);
    expect((await tx.byRef('reasonCodes', 'scrap')).map((r) => r.code)).toEqual(['BURR', 'DENT']);
    expect(await tx.byRef('quantityReports', IDS.opSaw)).toEqual([]);
  });

  it('byRef on an entity without a ref field is a bug in the caller', async () => {
    await expect(new MemoryTx().byRef('stations', 'x')).rejects.toThrow(/no REF_FIELD/);
  });

  it('put refuses a record that fails its schema, and stores nothing', async () => {
    const tx = new MemoryTx();
    await expect(tx.put('operations', draft({ good: -1 }))).rejects.toThrow(/fails its schema/);
    expect(tx.writes).toEqual([]);
    expect(tx.peek('operations', IDS.opSaw)).toBeUndefined();
  });

  it('stored records cannot be changed without put', async () => {
    const tx = new MemoryTx().seed('reasonCodes', makeReasonCode());
    const got = (await tx.get('reasonCodes', 'rc-burr'))!;
    got.code = 'CHANGED';
    expect(tx.peek('reasonCodes', 'rc-burr')!.code).toBe('BURR');
  });

  it('seeding is not a write', () => {
    expect(seedFloor(new MemoryTx()).writes).toEqual([]);
  });
});
