import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITIES, type Draft, type EntityName, type EntityOf } from '../../shared/schema';
import type { Tx } from '../../shared/domain/tx';
import { IDS, makeHold, makeOperation, makeStation, makeWorkOrder } from '../fakes/builders';

/** One implementation of `Tx` over a world of stored records, as the contract suite drives it. */
export interface TxWorld {
  /** Stores records as they are, committed before any transaction (no stamping). */
  seed<N extends EntityName>(entity: N, ...values: EntityOf<N>[]): Promise<void>;
  /** Deletes a stored record the way this side does (a tombstone on the server, a removed row on the tablet). */
  remove(entity: EntityName, id: string): Promise<void>;
  /** Runs `fn` with a Tx in one transaction over what is stored. */
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const draft = <N extends EntityName>(value: EntityOf<N>): Draft<N> => {
  const { version: _v, updatedAt: _u, ...d } = value as EntityOf<N> & { version: number; updatedAt: string };
  return d as unknown as Draft<N>;
};
const ids = (records: { id: string }[]) => records.map((r) => r.id);
const opAt = (id: string, workOrderId: string = IDS.wo) => makeOperation({ id, workOrderId, version: 3, updatedAt: '2026-11-21T08:00:00.000Z' });

/** The `Tx` contract of shared/domain/tx.ts, one rule a test; every implementation runs it. */
export function txContract(name: string, open: () => Promise<TxWorld>): void {
  describe(`[Tx] contract: ${name}`, () => {
    let world: TxWorld;
    beforeEach(async () => {
      world = await open();
    });
    afterEach(async () => {
      await world.close();
    });

    it('[Tx] get returns the stored record, and undefined for an id it does not hold', async () => {
      const wo = makeWorkOrder({ version: 7 });
      await world.seed('workOrders', wo);
      await world.run(async (tx) => {
        expect(await tx.get('workOrders', IDS.wo)).toEqual(wo);
        expect(await tx.get('workOrders', 'wo-missing')).toBeUndefined();
        expect(await tx.get('operations', IDS.wo)).toBeUndefined();
      });
    });

    it('[Tx] get sees a put earlier in the same transaction', async () => {
      await world.seed('operations', opAt(IDS.opSaw));
      await world.run(async (tx) => {
        await tx.put('operations', draft(makeOperation({ status: 'running', good: 4 })));
        expect(await tx.get('operations', IDS.opSaw)).toMatchObject({ status: 'running', good: 4 });
        await tx.put('operations', draft(makeOperation({ id: 'op-new', seq: 9 })));
        expect(await tx.get('operations', 'op-new')).toMatchObject({ id: 'op-new', seq: 9 });
      });
    });

    it('[Tx] a put without a stamp reads back stamped, and satisfies its schema', async () => {
      await world.seed('operations', opAt(IDS.opSaw));
      await world.run(async (tx) => {
        await tx.put('operations', draft(makeOperation({ status: 'running' })));
        await tx.put('holds', draft(makeHold()));
        for (const got of [await tx.get('operations', IDS.opSaw), (await tx.byRef('operations', IDS.wo))[0]]) {
          expect(ENTITIES.operations.safeParse(got).success).toBe(true);
        }
        expect(ENTITIES.holds.safeParse(await tx.get('holds', IDS.hold)).success).toBe(true);
        expect(ENTITIES.holds.safeParse((await tx.byRef('holds', IDS.wo))[0]).success).toBe(true);
      });
    });

    it("[Tx] put ignores the stamps the value carries: they are the implementation's", async () => {
      await world.run(async (tx) => {
        await tx.put('stations', { ...makeStation(), version: 999_999, updatedAt: 'forged' } as Draft<'stations'>);
        const got = (await tx.get('stations', IDS.saw))!;
        expect(got.version).not.toBe(999_999);
        expect(got.updatedAt).not.toBe('forged');
        expect(ENTITIES.stations.safeParse(got).success).toBe(true);
      });
    });

    it('[Tx] get and byRef return the same record for the same put', async () => {
      await world.seed('operations', opAt(IDS.opSaw));
      await world.run(async (tx) => {
        await tx.put('operations', draft(makeOperation({ status: 'running' })));
        expect((await tx.byRef('operations', IDS.wo))[0]).toEqual(await tx.get('operations', IDS.opSaw));
      });
    });

    it('[Tx] the last of two puts of one record wins, and byRef lists it once', async () => {
      await world.run(async (tx) => {
        await tx.put('operations', draft(makeOperation({ good: 1 })));
        await tx.put('operations', draft(makeOperation({ good: 2 })));
        expect((await tx.get('operations', IDS.opSaw))!.good).toBe(2);
        expect((await tx.byRef('operations', IDS.wo)).map((o) => o.good)).toEqual([2]);
      });
    });

    it("[Tx] records returned by get and byRef are the caller's copies", async () => {
      await world.seed('operations', opAt(IDS.opSaw));
      await world.run(async (tx) => {
        (await tx.get('operations', IDS.opSaw))!.status = 'completed';
        (await tx.byRef('operations', IDS.wo))[0]!.status = 'completed';
        await tx.put('operations', draft(makeOperation({ id: 'op-new', status: 'running' })));
        (await tx.get('operations', 'op-new'))!.status = 'completed';
        (await tx.byRef('operations', IDS.wo))[1]!.status = 'completed';
        expect((await tx.byRef('operations', IDS.wo)).map((o) => o.status)).toEqual(['pending', 'running']);
      });
    });

    it('[Tx] byRef returns the records whose ref field is exactly the ref, and [] for none', async () => {
      await world.seed('operations', opAt('op-a'), opAt('op-b', 'wo-2'), opAt('op-c', 'WO-1'), opAt('op-d', `${IDS.wo}0`));
      await world.run(async (tx) => {
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-a']);
        expect(await tx.byRef('operations', 'wo-none')).toEqual([]);
        expect(await tx.byRef('holds', IDS.wo)).toEqual([]);
      });
    });

    it('[Tx] byRef returns stored records in ascending id order, as < compares strings', async () => {
      // U+10000 sorts before U+FF5E by UTF-16 code unit (IndexedDB, `<`) but after it by code point.
      const order = ['op-\u{10000}', 'op-1', 'op-10', 'op-2', 'op-B', 'op-a', 'op-\uFF5E'].sort();
      await world.seed('operations', ...[...order].reverse().map((id) => opAt(id)));
      await world.run(async (tx) => {
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(order);
      });
    });

    it('[Tx] byRef puts a record created in this transaction in its id order', async () => {
      await world.seed('operations', opAt('op-1'), opAt('op-3'));
      await world.run(async (tx) => {
        await tx.put('operations', draft(makeOperation({ id: 'op-2' })));
        await tx.put('operations', draft(makeOperation({ id: 'op-0' })));
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-0', 'op-1', 'op-2', 'op-3']);
      });
    });

    it('[Tx] byRef sees a buffered write that moves a record into the ref', async () => {
      await world.seed('operations', opAt('op-1'), opAt('op-2', 'wo-2'));
      await world.run(async (tx) => {
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-1']);
        await tx.put('operations', draft(opAt('op-2', IDS.wo)));
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-1', 'op-2']);
      });
    });

    it('[Tx] byRef no longer returns a record a buffered write moved out of the ref', async () => {
      await world.seed('operations', opAt('op-1'), opAt('op-2'));
      await world.run(async (tx) => {
        await tx.put('operations', draft(opAt('op-1', 'wo-2')));
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-2']);
        expect(ids(await tx.byRef('operations', 'wo-2'))).toEqual(['op-1']);
      });
    });

    it('[Tx] a deleted record is invisible to get and byRef', async () => {
      await world.seed('operations', opAt('op-1'), opAt('op-2'));
      await world.remove('operations', 'op-1');
      await world.run(async (tx) => {
        expect(await tx.get('operations', 'op-1')).toBeUndefined();
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-2']);
      });
    });

    it('[Tx] a put brings a deleted record back', async () => {
      await world.seed('operations', opAt('op-1'));
      await world.remove('operations', 'op-1');
      await world.run(async (tx) => {
        await tx.put('operations', draft(opAt('op-1')));
        expect(await tx.get('operations', 'op-1')).toMatchObject({ id: 'op-1', workOrderId: IDS.wo });
        expect(ids(await tx.byRef('operations', IDS.wo))).toEqual(['op-1']);
      });
    });

    it('[Tx] byRef on an entity without a ref field throws', async () => {
      await world.seed('stations', makeStation());
      await world.run(async (tx) => {
        await expect(tx.byRef('stations', 'dept-fab')).rejects.toThrow(/REF_FIELD/);
      });
    });

    it('[Tx] records of different entities with the same id are apart', async () => {
      await world.run(async (tx) => {
        await tx.put('stations', draft(makeStation({ id: 'same' })));
        await tx.put('holds', draft(makeHold({ id: 'same' })));
        expect(await tx.get('stations', 'same')).toMatchObject({ name: 'Saw 1' });
        expect(await tx.get('holds', 'same')).toMatchObject({ kind: 'quality' });
        expect(await tx.get('workOrders', 'same')).toBeUndefined();
      });
    });
  });
}
