import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createChannel, type Channel } from '../../sync/pokes';

const RECONNECT_MS = [100, 500, 2_000, 5_000];

/** A channel shared by every instance on one database; `close()` ends its connections. */
export interface NotifyChannel<T> extends Channel<T> {
  /** Resolves once this instance is listening (messages of other instances reach it from then on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface NotifyChannelOptions<T> {
  url: string;
  /** What it carries, in logs and as `floorboard-<name>`, the connections' application_name. */
  name: string;
  /** The LISTEN/NOTIFY channel name (a plain identifier). */
  channel: string;
  /** A message as JSON for the NOTIFY payload, which must stay under 8,000 bytes with its envelope. */
  encode(message: T): unknown;
  /** The JSON back as a message; throws on what it cannot read. */
  decode(json: unknown): T;
  /**
   * After the listening connection was lost and is back: what was published meanwhile never
   * arrived, so this may tell this instance's listeners what they need (`deliver`), reading the
   * database through `query`.
   */
  resumed?(deliver: (message: T) => void, query: pg.Pool['query']): Promise<void>;
  /**
   * One message saying what both say, when that is safe (a poke: the newer cursor, both scopes).
   * With it, messages published while a NOTIFY is on its way are sent as one after it: a push
   * rate above what NOTIFY takes (each is a transaction, and PostgreSQL commits them one at a
   * time) would otherwise queue without bound. Without it, each message is its own NOTIFY.
   */
  merge?(a: T, b: T): T;
}

/**
 * An in-process channel that also fans out across the instances on one database with
 * LISTEN/NOTIFY (DESIGN §11, D3): a message reaches this instance's listeners at once and the
 * other instances' through NOTIFY; each instance skips its own notifications.
 */
export function createNotifyChannel<T>(opts: NotifyChannelOptions<T>): NotifyChannel<T> {
  const local = createChannel<T>();
  const origin = randomUUID();
  const tag = `floorboard-${opts.name}`;
  // A NOTIFY is a transaction with a commit record of its own; it carries no data (what it
  // announces committed durably before it is sent, and a listener that lost it catches up through
  // `resumed`), so its commit need not wait for the WAL flush that a push's commit waits for (D1).
  const notifier = new pg.Pool({ connectionString: opts.url, max: 2, application_name: tag, options: '-c synchronous_commit=off' });
  notifier.on('error', (err) => console.error(`${opts.name}: idle connection failed`, err));
  let listener: pg.Client | undefined;
  let closed = false;
  let attempt = 0;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== opts.channel || !msg.payload) return;
    try {
      const { o, m } = JSON.parse(msg.payload) as { o: string; m: unknown };
      if (o !== origin) local.publish(opts.decode(m));
    } catch (err) {
      console.error(`${opts.name}: unreadable notification`, err);
    }
  };

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: opts.url, application_name: tag });
    client.on('notification', onNotification);
    client.on('error', (err) => {
      console.error(`${opts.name}: listening connection failed; reconnecting`, err);
      void client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      if (!closed) reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${opts.channel}`);
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
        .then(() => opts.resumed?.((m) => local.publish(m), notifier.query.bind(notifier)))
        .catch((err) => {
          console.error(`${opts.name}: could not listen again`, err);
          reconnect();
        });
    }, delay).unref();
  }

  // Never rejects: a poke that could not be sent is logged (the streams catch up at the next one).
  const notify = (message: T) =>
    notifier
      .query('SELECT pg_notify($1, $2)', [opts.channel, JSON.stringify({ o: origin, m: opts.encode(message) })])
      .then(() => undefined)
      .catch((err) => console.error(`${opts.name}: NOTIFY failed`, err));
  let sending = false;
  let waiting: T | undefined;

  const ready = listen();
  // A failed first attempt is reported through `ready`, and retried.
  ready.catch(() => void (!closed && reconnect()));

  return {
    ready,
    subscribe: (l) => local.subscribe(l),
    publish(message: T) {
      local.publish(message);
      if (!opts.merge) return void notify(message);
      if (sending) {
        waiting = waiting === undefined ? message : opts.merge(waiting, message);
        return;
      }
      sending = true;
      void (async () => {
        let next: T | undefined = message;
        while (next !== undefined && !closed) {
          await notify(next);
          next = waiting;
          waiting = undefined;
        }
        sending = false;
      })();
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await notifier.end();
    },
  };
}
