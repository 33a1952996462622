import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EntityName } from '../../shared/schema';
import { createSqliteStore } from '../../server/store/sqlite';
import { toRecordWrite } from '../../server/sync/records';
import { ServerTx } from '../../server/sync/server-tx';
import { makeOperation } from '../fakes/builders';
import { txContract } from '../unit/tx-contract';

txContract('ServerTx (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-tx-'));
  const store = await createSqliteStore({ file: join(dir, 'store.sqlite') });
  const seed = (entity: EntityName, values: Record<string, unknown>[], deleted = false) =>
    store.transaction((w) => w.putRecordsUnaudited(values.map((v) => ({ ...toRecordWrite(entity, v, Number(v.version), String(v.updatedAt)), deleted }))));
  return {
    seed: (entity, ...values) => seed(entity, values),
    // A tombstone that still holds the last value, so only the flag can hide it.
    remove: async (entity, id) => {
      const r = await store.getRecord(entity, id);
      await seed(entity, [JSON.parse(r!.value)], true);
    },
    run: (fn) => store.transaction((w) => fn(new ServerTx(w, { version: 100, updatedAt: '2026-11-21T12:00:00.000Z' }))),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('ServerTx beyond the Tx contract', () => {
  it('[A4] a put over a deleted record has no before value: nothing was live', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-tx-'));
    const store = await createSqliteStore({ file: join(dir, 'store.sqlite') });
    try {
      const op = makeOperation();
      await store.transaction((w) => w.putRecordsUnaudited([{ ...toRecordWrite('operations', op, 1, op.updatedAt), deleted: true }]));
      const before = await store.transaction(async (w) => {
        const tx = new ServerTx(w, { version: 2, updatedAt: op.updatedAt });
        await tx.put('operations', op);
        return tx.before;
      });
      expect(before).toEqual({ [`operations/${op.id}`]: null });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
