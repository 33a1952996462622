import type { Poke, Pokes } from '../../sync/pokes';
import { createNotifyChannel } from './notify';

/** NOTIFY payloads must stay under 8,000 bytes; this leaves room for the envelope. */
const MAX_PAYLOAD = 7_000;

/** Pokes shared by every instance on one database; `close()` ends its connections. */
export interface PostgresPokes extends Pokes {
  /** Resolves once this instance is listening (pokes of other instances reach it from then on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Pokes that fan out across the instances on one database with LISTEN/NOTIFY (DESIGN §11, D3).
 * Widening a poke is always safe (it only says "pull now"), so one whose scopes do not fit a
 * payload goes to every scope, and after the listening connection is lost and back, every
 * stream gets a poke at the head (what was committed meanwhile).
 */
export function createPostgresPokes(opts: { url: string }): PostgresPokes {
  return createNotifyChannel<Poke>({
    url: opts.url,
    name: 'pokes',
    channel: 'floorboard_pokes',
    encode(poke) {
      const json = { c: poke.cursor, s: poke.scopes };
      return Buffer.byteLength(JSON.stringify(json)) > MAX_PAYLOAD ? { c: poke.cursor, s: ['*'] } : json;
    },
    decode(json) {
      const { c, s } = json as { c: number; s: string[] };
      if (typeof c !== 'number' || !Array.isArray(s)) throw new Error('not a poke');
      return { cursor: c, scopes: s };
    },
    // Widening is safe: the newer cursor and both scopes.
    merge: (a, b) => ({ cursor: Math.max(a.cursor, b.cursor), scopes: [...new Set([...a.scopes, ...b.scopes])] }),
    async resumed(deliver, query) {
      const head = await query<{ value: string }>("SELECT value FROM meta WHERE key = 'head'");
      deliver({ cursor: Number(head.rows[0]?.value ?? 0), scopes: ['*'] });
    },
  });
}
