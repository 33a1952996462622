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

/** Pub/sub of one kind of message: what `Pokes` and `Revocations` are. */
export interface Channel<T> {
  publish(message: T): void;
  subscribe(listener: (message: T) => void): () => void;
}

/** In-process pub/sub of one kind of message; a listener that throws does not stop the others. */
export function createChannel<T>(): Channel<T> {
  const listeners = new Set<(message: T) => void>();
  return {
    publish(message) {
      for (const l of [...listeners]) {
        try {
          l(message);
        } catch (err) {
          // One broken stream must not stop the others from hearing about the commit.
          console.error('channel listener failed', err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The in-process `Pokes` of a single instance. */
export function createPokes(): Pokes {
  return createChannel<Poke>();
}

/** A device whose token was revoked: its open event streams close (A1). */
export interface Revocation {
  deviceId: string;
}

/**
 * Revocations reach every open event stream through the same kind of channel as pokes, and on
 * PostgreSQL fan out across instances the same way (LISTEN/NOTIFY, store/postgres/revocations.ts).
 * Each stream also re-checks its token on every heartbeat: the fallback for a notification lost
 * while an instance's listening connection was down.
 */
export type Revocations = Channel<Revocation>;

/** The in-process `Revocations` of a single instance. */
export function createRevocations(): Revocations {
  return createChannel<Revocation>();
}

/** Whether a poke may concern a client that sees `scopes` (`all` for the console). */
export function pokeConcerns(poke: Poke, scopes: string[] | 'all'): boolean {
  if (scopes === 'all') return true;
  return poke.scopes.some((s) => s === '*' || scopes.includes(s));
}
