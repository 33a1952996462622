import type { Clock } from '../../shared/domain/clock';
import type { Store } from '../store/types';
import { putAuditedRecords } from '../audit/system';
import { toRecordWrite } from '../sync/records';
import { generatePassword, hashPassword } from './crypto';

export const COORDINATOR_USER_ID = 'u-coordinator';
export const COORDINATOR_USERNAME = 'coordinator';

/**
 * A1: on a database without console users, creates `coordinator` with the configured password or
 * a generated one, which is returned so main can print it once. Returns undefined otherwise.
 */
export async function ensureCoordinator(
  store: Store,
  clock: Clock,
  configured?: string,
): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  if ((await store.countConsoleUsers()) > 0) return undefined;
  const password = configured || generatePassword();
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    if (!(await tx.getRecord('users', COORDINATOR_USER_ID))) {
      const version = await tx.nextVersion();
      const user = {
        id: COORDINATOR_USER_ID, name: 'Production Coordinator', badge: 'C0001', role: 'coordinator',
        stationIds: [], pin: null, active: true,
      };
      const now = new Date(clock.now()).toISOString();
      // Through the chain like every synced record (A4): the state verify accounts for it.
      await putAuditedRecords(tx, [toRecordWrite('users', user, version, now)], 'createCoordinator', now);
    }
    // The password hash stays in its own table: the synced user record never carries it.
    await tx.upsertConsoleUser({ userId: COORDINATOR_USER_ID, username: COORDINATOR_USERNAME, passwordHash });
  });
  return { username: COORDINATOR_USERNAME, password, generated: !configured };
}
