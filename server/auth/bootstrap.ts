import type { Clock } from '../../shared/domain/clock';
import type { Store } from '../store/types';
import { putAuditedRecords } from '../audit/system';
import { toRecordWrite } from '../sync/records';
import { generatePassword, hashPassword } from './crypto';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './users';

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
  // The configured password obeys the rules every console password does (A3).
  const problem = configured ? passwordProblem(configured, COORDINATOR_USERNAME) : null;
  if (problem) {
    throw new Error(
      `FLOORBOARD_ADMIN_PASSWORD: ${problem === 'password-too-short' ? `a password needs at least ${MIN_PASSWORD_LENGTH} characters` : 'a password may not be the username'}; nothing was created.`,
    );
  }
  const password = configured || generatePassword();
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    if (!(await tx.getRecord('users', COORDINATOR_USER_ID))) {
      const version = await tx.nextVersion();
      const user = {
        id: COORDINATOR_USER_ID,
        name: 'Production Coordinator',
        badge: 'C0001',
        role: 'coordinator',
        stationIds: [],
        pin: null,
        active: true,
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
