import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPokes, type Poke, type Pokes } from '../../sync/pokes';

const CHANNEL = 'floorboard_pokes';
/** NOTIFY payloads must stay under 8,000 bytes. */
const MAX_PAYLOAD = 7_000;
const RECONNECT_MS = [100, 500, 2_000, 5_000];

/** Pokes shared by every instance on one database; `close()` ends its connections. */
export interface PostgresPokes extends Pokes {
  /** Resolves once this instance is listening (pokes of other instances reach it from then on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Pokes that fan out across the instances on one database with LISTEN/NOTIFY (DESIGN §11, D3). A
 * poke reaches this instance's own streams at once and the others' through NOTIFY; each instance
 * skips its own notifications. Widening a poke is always safe (it only says "pull now"), so one
 * whose scopes do not fit a payload goes to every scope, and after the listening connection is
 * lost and back, every stream gets a poke at the head (what was committed meanwhile).
 */
export function createPostgresPokes(opts: { url: string }): PostgresPokes {
  const local = createPokes();
  const origin = randomUUID();
  const notifier = new pg.Pool({ connectionString: opts.url, max: 2, application_name: 'floorboard-pokes' });
  notifier.on('error', (err) => console.error('pokes: idle connection failed', err));
  let listener: pg.Client | undefined;
  let closed = false;
  let attempt = 0;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      const { o, c, s } = JSON.parse(msg.payload) as { o: string; c: number; s: string[] };
      if (o !== origin) local.publish({ cursor: c, scopes: s });
    } catch (err) {
      console.error('pokes: unreadable notification', err);
    }
  };

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: opts.url, application_name: 'floorboard-pokes' });
    client.on('notification', onNotification);
    client.on('error', (err) => {
      console.error('pokes: listening connection failed; reconnecting', err);
      void client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      if (!closed) reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    listener = client;
    attempt = 0;
  }

  function reconnect() {
    const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]!;
    setTimeout(() => {
      if (closed) return;
      listen()
        .then(async () => {
          const head = await notifier.query<{ value: string }>("SELECT value FROM meta WHERE key = 'head'");
          local.publish({ cursor: Number(head.rows[0]?.value ?? 0), scopes: ['*'] });
        })
        .catch((err) => {
          console.error('pokes: could not listen again', err);
          reconnect();
        });
    }, delay).unref();
  }

  const ready = listen();
  // A failed first attempt is reported through `ready`, and retried.
  ready.catch(() => void (!closed && reconnect()));

  return {
    ready,
    subscribe: (listener) => local.subscribe(listener),
    publish(poke: Poke) {
      local.publish(poke);
      let payload = JSON.stringify({ o: origin, c: poke.cursor, s: poke.scopes });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ o: origin, c: poke.cursor, s: ['*'] });
      notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err) => console.error('pokes: NOTIFY failed', err));
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await notifier.end();
    },
  };
}
