/** A commit that may concern some clients: the newest cursor and the scopes it wrote. */
export interface Poke {
  cursor: number;
  scopes: string[];
}

/**
 * In-process pub/sub behind the SSE pokes. A PostgreSQL deployment swaps it for one that fans out
 * through LISTEN/NOTIFY (DESIGN §11); the routes only see this interface.
 */
export interface Pokes {
  publish(poke: Poke): void;
  subscribe(listener: (poke: Poke) => void): () => void;
}

export function createPokes(): Pokes {
  const listeners = new Set<(poke: Poke) => void>();
  return {
    publish(poke) {
      for (const l of [...listeners]) {
        try {
          l(poke);
        } catch (err) {
          // One broken stream must not stop the others from hearing about the commit.
          console.error('poke listener failed', err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Whether a poke may concern a client that sees `scopes` (`all` for the console). */
export function pokeConcerns(poke: Poke, scopes: string[] | 'all'): boolean {
  if (scopes === 'all') return true;
  return poke.scopes.some((s) => s === '*' || scopes.includes(s));
}
