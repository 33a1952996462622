import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../shared/domain/clock';
import { createApp } from '../../../server/app';
import { putAuditedRecords } from '../../../server/audit/system';
import { COORDINATOR_USER_ID } from '../../../server/auth/bootstrap';
import { createSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/types';
import { toRecordWrite } from '../../../server/sync/records';
import { mutateStore, type Mutant } from './mutants';
import { SIM_LEAD_PROOF, type SimPlant } from './plant';
import { createPostgresPair } from './server-postgres';
import { startServerProcess } from './server-process';

export const CONSOLE_PASSWORD = 'sim-password';

export const SIM_SERVER_KINDS = ['sqlite', 'sqlite-process', 'postgres-2'] as const;
export type SimServerKind = (typeof SIM_SERVER_KINDS)[number];

/** The server the simulation talks to, whatever runs it; the rest of the simulation sees only this. */
export interface SimServer {
  /** Answers a request; `via` is the client whose connection carried it (several instances route by it). */
  handle(req: Request, via: string): Promise<Response>;
  /** Stops the server the way a deploy does (the store closes) and starts it again on the same data. */
  restart(): Promise<void>;
  /**
   * Kills the server process with SIGKILL inside the next write transaction (nothing is closed) and
   * starts a new one on the same data; resolves `true` if a transaction was cut short. Only servers
   * in their own process can crash. `provoke` makes the clients push meanwhile; of several
   * instances, the one that carries `via`'s connection dies.
   */
  crash?(provoke: () => Promise<unknown>, via: string): Promise<boolean>;
  /**
   * Of several instances: restarts one (the one handling a push, if any) as `restart` does, while
   * the others keep serving; says which and whether a push was on it. Without it, the driver
   * takes the whole server off the network for a restart.
   */
  restartOne?(): Promise<{ instance: number; inFlight: boolean }>;
  close(): Promise<void>;
}

export interface SimServerOptions {
  clock: Clock;
  plant: SimPlant;
  /**
   * `sqlite`: createApp + SQLite in this process; `sqlite-process`: the same in a child process that
   * can be SIGKILLed; `postgres-2`: two instances on one PostgreSQL database (server-postgres.ts).
   */
  kind?: SimServerKind;
  /** `postgres-2`: run the instances in child processes, so that one can crash. */
  crashable?: boolean;
  /** A deliberately broken server (mutants.ts), to prove the checks see it. */
  mutant?: Mutant;
}

/** A cheap scrypt hash in the server's own format: the simulation signs in once per seed. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const N = 1024;
  const hash = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Writes the plant and the coordinator (with a cheap password hash) into a new store. */
export async function seedStore(store: Store, clock: Clock, plant: SimPlant) {
  const coordinator = {
    id: COORDINATOR_USER_ID,
    name: 'Production Coordinator',
    badge: 'C0001',
    role: 'coordinator',
    stationIds: [],
    pin: null,
    active: true,
  };
  await store.transaction(async (tx) => {
    await tx.upsertConsoleUser({ userId: COORDINATOR_USER_ID, username: 'coordinator', passwordHash: cheapHash(CONSOLE_PASSWORD) });
    const version = await tx.nextVersion();
    const now = new Date(clock.now()).toISOString();
    const records = [...plant.records, { entity: 'users' as const, value: coordinator }];
    await putAuditedRecords(
      tx,
      records.map((r) => toRecordWrite(r.entity, r.value, version, now)),
      'seedPlant',
      now,
    );
    await tx.setProofKey(SIM_LEAD_PROOF.userId, SIM_LEAD_PROOF.key);
  });
}

/**
 * The real server for one seed: createApp + the SQLite store on a temp file, or two instances on
 * a PostgreSQL database; the driver, the network and the checks only see `SimServer`.
 */
export async function createSimServer(opts: SimServerOptions): Promise<SimServer> {
  if (opts.kind === 'postgres-2') return createPostgresPair(opts);
  // A RAM-backed temp dir where there is one: the same SQLite file semantics, without disk waits.
  const base = process.env.FLOORBOARD_SIM_TMP ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const dir = mkdtempSync(join(base, 'fb-sim-'));
  const file = join(dir, 'floorboard.sqlite');
  const seeded = await createSqliteStore({ file });
  await seedStore(seeded, opts.clock, opts.plant);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (opts.kind === 'sqlite-process') {
    await seeded.close();
    return startServerProcess(file, opts.clock, opts.mutant, remove);
  }
  let store = seeded;
  const appOf = (s: Store) => createApp({ store: opts.mutant ? mutateStore(s, opts.mutant) : s, clock: opts.clock });
  let app = appOf(store);
  return {
    handle: (req) => Promise.resolve(app.fetch(req)),
    async restart() {
      await store.close();
      store = await createSqliteStore({ file });
      app = appOf(store);
    },
    async close() {
      await store.close();
      remove();
    },
  };
}

export { COORDINATOR_USER_ID };
