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
import { SIM_LEAD_PROOF, type SimPlant } from './plant';

export const CONSOLE_PASSWORD = 'sim-password';

/** A cheap scrypt hash in the server's own format: the simulation signs in once per seed. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const N = 1024;
  const hash = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * The real server (createApp + the SQLite store on a temp file) that the simulation can restart:
 * close the store, reopen the same file, build a new app.
 */
export async function createSimServer(clock: Clock, plant: SimPlant) {
  // A RAM-backed temp dir where there is one: the same SQLite file semantics, without disk waits.
  const base = process.env.FLOORBOARD_SIM_TMP ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const dir = mkdtempSync(join(base, 'fb-sim-'));
  const file = join(dir, 'floorboard.sqlite');
  let store: Store = await createSqliteStore({ file });
  // The coordinator as the server's bootstrap makes it, but with a cheap password hash.
  const coordinator = {
    id: COORDINATOR_USER_ID, name: 'Production Coordinator', badge: 'C0001', role: 'coordinator', stationIds: [], pin: null, active: true,
  };
  await store.transaction(async (tx) => {
    await tx.upsertConsoleUser({ userId: COORDINATOR_USER_ID, username: 'coordinator', passwordHash: cheapHash(CONSOLE_PASSWORD) });
    const version = await tx.nextVersion();
    const now = new Date(clock.now()).toISOString();
    const records = [...plant.records, { entity: 'users' as const, value: coordinator }];
    await putAuditedRecords(tx, records.map((r) => toRecordWrite(r.entity, r.value, version, now)), 'seedPlant', now);
    await tx.setProofKey(SIM_LEAD_PROOF.userId, SIM_LEAD_PROOF.key);
  });
  let app = createApp({ store, clock });
  let restarts = 0;
  return {
    file,
    get restarts() {
      return restarts;
    },
    handle: (req: Request) => Promise.resolve(app.fetch(req)),
    async restart() {
      await store.close();
      store = await createSqliteStore({ file });
      app = createApp({ store, clock });
      restarts++;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SimServer = Awaited<ReturnType<typeof createSimServer>>;
export { COORDINATOR_USER_ID };
