import { signProof } from '../../shared/domain/proof';
import type { Store } from '../../server/store/types';

interface Unproven {
  id: number;
  name: string;
  args?: unknown;
  actorId: string;
  at?: string;
  base?: number;
}

/**
 * For raw pushers (tests, benchmarks): adds to each mutation the PIN proof the real app makes at
 * sign-in (A2), with the actor's key read from the store, as if they had signed in on the tablet.
 */
export async function withProofs<M extends Unproven>(store: Store, clientId: string, at: string, mutations: M[]): Promise<(M & { proof: string })[]> {
  return Promise.all(
    mutations.map(async (m) => {
      const key = await store.getProofKey(m.actorId);
      if (!key) throw new Error(`${m.actorId} has no PIN proof key`);
      const full = { args: {}, at, ...m };
      return { ...full, proof: await signProof(key, clientId, full) };
    }),
  );
}
