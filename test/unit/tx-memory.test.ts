import { MemoryTx } from '../fakes/memory-tx';
import { txContract } from './tx-contract';

txContract('MemoryTx', async () => {
  const tx = new MemoryTx();
  return {
    seed: async (entity, ...values) => void tx.seed(entity, ...values),
    remove: async (entity, id) => tx.remove(entity, id),
    run: (fn) => fn(tx),
    close: async () => {},
  };
});
