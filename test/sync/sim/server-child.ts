// The simulation's server in a process of its own, so that it can be killed rather than closed:
// `node --import tsx server-child.ts <sqlite file | postgres:// url> [mutant]` (the sim runs it bundled). It listens on a free local port,
// prints `port N`, takes the simulation's clock from the `x-sim-now` header of each request, and
// on the IPC message `crash` SIGKILLs itself inside its next write transaction, before the commit.
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/app';
import { createPostgresStore } from '../../../server/store/postgres';
import { createPostgresPokes } from '../../../server/store/postgres/pokes';
import { createSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/types';
import { mutateStore, type Mutant } from './mutants';

const [where, mutant] = process.argv.slice(2) as [string, Mutant | undefined];
const postgres = /^postgres(ql)?:\/\//.test(where);

let now = 0;
let crashArmed = false;
// A small pool: a seed runs two instances on one test PostgreSQL, next to other test files.
const real = postgres ? await createPostgresStore({ url: where, poolSize: 4 }) : await createSqliteStore({ file: where });
const pokes = postgres ? createPostgresPokes({ url: where }) : undefined;
await pokes?.ready;
const store: Store = Object.create(real, {
  transaction: {
    value: <T>(fn: Parameters<Store['transaction']>[0]) =>
      real.transaction(async (tx) => {
        const r = (await fn(tx)) as T;
        // Written, not committed: the connection is abandoned mid-transaction, as in a power cut of
        // the process (PostgreSQL rolls it back when the socket goes).
        if (crashArmed) process.kill(process.pid, 'SIGKILL');
        return r;
      }),
  },
});
const app = createApp({ store: mutant ? mutateStore(store, mutant) : store, clock: { now: () => now }, pokes });
process.on('message', (m) => {
  if (m === 'crash') crashArmed = true;
});
serve(
  {
    fetch: (req) => {
      // The driver's clock only moves forward; a delayed request must not move the server's back.
      now = Math.max(now, Number(req.headers.get('x-sim-now')));
      return app.fetch(req);
    },
    hostname: '127.0.0.1',
    port: 0,
  },
  (info) => process.stdout.write(`port ${info.port}\n`),
);
// The simulation that started this server is gone: so is the server.
process.on('disconnect', () => process.exit(0));
