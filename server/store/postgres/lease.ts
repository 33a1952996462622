import pg from 'pg';

/** The first key of every lease's advisory lock, so leases never meet other advisory locks. */
const LEASE_NAMESPACE = 7412;

/** A lease on a server job; see {@link createLease}. */
export interface Lease {
  /** Whether this instance holds the lease now, taking it if it is free. Ask before each run. */
  hold(): Promise<boolean>;
  /** Gives the lease up, so another instance's next `hold()` gets it. */
  release(): Promise<void>;
}

/**
 * A lease for a server-side job (escalations, notification delivery, retention: D3) over a
 * session-level `pg_try_advisory_lock` on a connection of its own: whichever instance holds the
 * lock runs the job, so each run fires once. The lock lives as long as that connection: if the
 * holder dies or its connection is cut, PostgreSQL frees the lock and another instance's next
 * `hold()` takes it over.
 */
export function createLease(opts: { url: string; name: string }): Lease {
  let client: pg.Client | undefined;
  let held = false;

  const drop = () => {
    const c = client;
    client = undefined;
    held = false;
    void c?.end().catch(() => undefined);
  };

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: opts.url, application_name: 'floorboard-lease' });
    // A connection lost while idle: the lock went with it.
    c.on('error', () => {
      if (client === c) drop();
    });
    await c.connect();
    client = c;
    return c;
  }

  return {
    async hold() {
      try {
        if (held && client) {
          // Still connected means still held: a session's advisory lock ends only with it.
          await client.query('SELECT 1');
          return true;
        }
        const c = client ?? (await connect());
        const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LEASE_NAMESPACE, opts.name]);
        held = r.rows[0]!.ok;
        return held;
      } catch {
        // Cannot reach the database, or the connection died: not held (another may take it).
        drop();
        return false;
      }
    },
    async release() {
      const c = client;
      if (c && held) await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_NAMESPACE, opts.name]).catch(() => undefined);
      client = undefined;
      held = false;
      await c?.end().catch(() => undefined);
    },
  };
}
