import type { Clock } from '../../../shared/domain/clock';
import { createApp } from '../../../server/app';
import { createPostgresStore } from '../../../server/store/postgres';
import { createPostgresPokes } from '../../../server/store/postgres/pokes';
import { createTestDatabase } from '../../support/postgres';
import { mutateStore, type Mutant } from './mutants';
import type { SimPlant } from './plant';
import { seedStore, type SimServer } from './server';
import { startServerProcess } from './server-process';

/** The PostgreSQL server the simulation's databases are made on (set by the test's setup or the CLI). */
export const SIM_POSTGRES_ENV = 'FLOORBOARD_SIM_POSTGRES_URL';

/** One server instance: what a deploy of one of several machines restarts or a power cut kills. */
type Instance = Omit<SimServer, 'restartOne'>;

// A small pool: a seed runs two instances on the test run's PostgreSQL, next to other test files.
const POOL = 4;

/** createApp with its own pool and LISTEN/NOTIFY pokes on the database, in this process. */
async function inProcess(url: string, clock: Clock, mutant: Mutant | undefined): Promise<Instance> {
  const open = async () => {
    const store = await createPostgresStore({ url, poolSize: POOL });
    const pokes = createPostgresPokes({ url });
    await pokes.ready;
    const app = createApp({ store: mutant ? mutateStore(store, mutant) : store, clock, pokes });
    return { app, close: async () => (await pokes.close(), await store.close()) };
  };
  let running = await open();
  return {
    handle: (req) => Promise.resolve(running.app.fetch(req)),
    async restart() {
      await running.close();
      running = await open();
    },
    close: () => running.close(),
  };
}

interface Gate {
  instance: Instance;
  up: boolean;
  /** Requests this instance is handling (delivered, not yet answered). */
  handling: Set<Promise<unknown>>;
  pushes: number;
}

/**
 * Two server instances on one fresh database (D3), each with its own store pool and pokes. The
 * network's connections stick to one instance each: the console (and its sign-in) to the second,
 * the tablets alternately to the first and the second, in the order they first connect (a second
 * tab shares its tablet's connection). A restart takes one instance down, drains and reopens it
 * while the other keeps serving. With `crashable` both run in child processes, and a crash kills
 * the instance that carries the pusher's connection.
 */
export async function createPostgresPair(opts: { clock: Clock; plant: SimPlant; mutant?: Mutant; crashable?: boolean }): Promise<SimServer> {
  const serverUrl = process.env[SIM_POSTGRES_ENV];
  if (!serverUrl) throw new Error(`${SIM_POSTGRES_ENV} is not set: the postgres-2 simulation needs a PostgreSQL server`);
  const database = await createTestDatabase(serverUrl);
  const gates: Gate[] = [];
  try {
    const seeding = await createPostgresStore({ url: database.url, poolSize: 1 });
    await seedStore(seeding, opts.clock, opts.plant).finally(() => seeding.close());
    for (let i = 0; i < 2; i++) {
      const instance = opts.crashable
        ? await startServerProcess(database.url, opts.clock, opts.mutant, () => undefined)
        : await inProcess(database.url, opts.clock, opts.mutant);
      gates.push({ instance, up: true, handling: new Set(), pushes: 0 });
    }
  } catch (err) {
    for (const g of gates) await g.instance.close();
    await database.drop();
    throw err;
  }
  const sticky = new Map<string, number>();
  let tablets = 0;
  const gateOf = (via: string): Gate => {
    let i = sticky.get(via);
    if (i === undefined) sticky.set(via, (i = via === 'console' || via === 'setup' ? 1 : tablets++ % 2));
    return gates[i]!;
  };
  const drain = async (g: Gate) => {
    while (g.handling.size) await Promise.allSettled([...g.handling]);
  };
  let turn = 0;
  const restartOne = async () => {
    // The instance with a push on it, if one has; otherwise each in turn.
    const g = gates.find((x) => x.pushes > 0) ?? gates[turn++ % gates.length]!;
    const inFlight = g.pushes > 0;
    // As main.ts shuts down: no new requests, the ones being handled are answered, the store closes.
    g.up = false;
    await drain(g);
    await g.instance.restart();
    g.up = true;
    return { instance: gates.indexOf(g), inFlight };
  };
  return {
    async handle(req, via) {
      const g = gateOf(via);
      if (!g.up) throw new TypeError('server down');
      const isPush = new URL(req.url).pathname === '/api/sync/push';
      if (isPush) g.pushes++;
      const handling = g.instance.handle(req, via);
      g.handling.add(handling);
      try {
        return await handling;
      } finally {
        g.handling.delete(handling);
        if (isPush) g.pushes--;
      }
    },
    async restart() {
      await restartOne();
    },
    restartOne,
    // The killed process's requests fail on their own; the other instance serves on.
    crash: opts.crashable ? (provoke, via) => gateOf(via).instance.crash!(provoke, via) : undefined,
    async close() {
      for (const g of gates) await g.instance.close();
      await database.drop();
    },
  };
}
