import 'fake-indexeddb/auto';
import { openDatabase } from '../../app/db';
import { DexieTx } from '../../app/db/dexie-tx';
import { txContract } from './tx-contract';

let n = 0;

txContract('DexieTx (fake-indexeddb)', async () => {
  const db = await openDatabase(`tx-contract-${process.pid}-${++n}`);
  return {
    seed: async (entity, ...values) => void (await db.entity(entity).bulkPut(values)),
    // A pull's deletion removes the row from the replica (app/sync/rebase.ts).
    remove: async (entity, id) => db.entity(entity).delete(id),
    run: (fn) => db.transaction('rw', db.entityTables(), () => fn(new DexieTx(db))),
    close: async () => {
      db.close();
      await db.delete();
    },
  };
});
