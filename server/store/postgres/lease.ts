import pg from 'pg';

/** The first key of every lease's advisory lock, so leases never meet other advisory locks. */
const LEASE_NAMESPACE = 7412;

/** A lease on a server job; see {@link createLeaseHolder}. */
export interface Lease {
  /** Whether this instance holds the lease now, taking it if it is free. Ask before each run. */
  hold(): Promise<boolean>;
  /** Gives the lease up, so another instance's next `hold()` gets it. */
  release(): Promise<void>;
}

/** The leases of one instance, all on one connection; see {@link createLeaseHolder}. */
export interface LeaseHolder {
  /** The lease of the job `name`; it takes no connection of its own. */
  lease(name: string): Lease;
  /** Ends the connection, giving every lease up; `hold()` answers false from then on. */
  close(): Promise<void>;
}

/** One connection to the database and the locks this instance holds on it. */
interface Session {
  client: pg.Client;
  /** Which lease holds each job's lock on this session. */
  locks: Map<string, Lease>;
}

/**
 * Leases for the server-side jobs (escalations, notification delivery, retention: D3) over
 * session-level `pg_try_advisory_lock`s: whichever instance holds a job's lock runs the job, so
 * each run fires once. All the leases of one instance share one dedicated connection (a session
 * holds any number of advisory locks), so an instance keeps one idle connection for its locks,
 * not one per job. The locks live as long as that connection: if the instance dies or its
 * connection is cut, PostgreSQL frees them all, every `hold()` here answers false until it has
 * taken its lock again on a new connection, and another instance's next `hold()` may take them
 * over. The connection opens at the first `hold()` and ends with the last `release()` (or
 * `close()`). Calls are serialised, so two `hold()`s never both take one lock (a session's
 * advisory locks stack, and one unlock would then leave it held).
 */
export function createLeaseHolder(opts: {
  url: string;
  /**
   * How long a connect or a query may take before the lease counts as not held (default 5 s), so a
   * network that drops packets without a reset never leaves a job waiting, or an instance believing
   * it holds a lock its session may have lost. TCP keepalive finds an idle dead connection.
   */
  timeoutMs?: number;
}): LeaseHolder {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  let session: Session | undefined;
  let closed = false;
  /** The leases asked for since their last release: the connection stays while there are any. */
  const inUse = new Set<Lease>();
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Ends a session, on purpose or because it failed: every lock on it goes with it. */
  function end(s: Session | undefined): Promise<void> {
    if (!s || session !== s) return Promise.resolve();
    session = undefined;
    return s.client.end().catch(() => undefined);
  }

  async function connect(): Promise<Session> {
    const client = new pg.Client({
      connectionString: opts.url,
      application_name: 'floorboard-lease',
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const s: Session = { client, locks: new Map() };
    // A connection lost while idle: its locks went with it.
    client.on('error', () => void end(s));
    client.on('end', () => void end(s));
    try {
      await client.connect();
    } catch (err) {
      void client.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      throw new Error('leases closed');
    }
    session = s;
    return s;
  }

  function lease(name: string): Lease {
    const self: Lease = {
      hold: () =>
        serial(async () => {
          if (closed) return false;
          inUse.add(self);
          // A session that died before its 'end' event arrived fails the first query: then its
          // locks are gone, and the lease is asked for again once, on a new connection.
          for (let attempt = 0; ; attempt++) {
            const reused = session !== undefined;
            let s = session;
            try {
              s ??= await connect();
              const owner = s.locks.get(name);
              if (owner === self) {
                // Still connected means still held: a session's advisory lock ends only with it.
                await s.client.query('SELECT 1');
              } else if (owner) {
                // Another lease of this instance holds the job's lock.
                return false;
              } else {
                const r = await s.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LEASE_NAMESPACE, name]);
                if (!r.rows[0]!.ok) return false;
                s.locks.set(name, self);
              }
              // The session may have been lost as the answer came: then so is the lock.
              return session === s;
            } catch {
              // Cannot reach the database, or the connection died: not held (another may take it).
              await end(s);
              if (!reused || attempt > 0 || closed) return false;
            }
          }
        }),
      release: () =>
        serial(async () => {
          const s = session;
          if (s && s.locks.get(name) === self) {
            s.locks.delete(name);
            // Failing, the connection is ended: the lock goes with it (the others are taken again).
            await s.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LEASE_NAMESPACE, name]).catch(() => end(s));
          }
          inUse.delete(self);
          if (inUse.size === 0) await end(session);
        }),
    };
    return self;
  }

  return {
    lease,
    async close() {
      // Not queued behind a call that waits on the database: ending the connection fails it.
      closed = true;
      inUse.clear();
      await end(session);
    },
  };
}
