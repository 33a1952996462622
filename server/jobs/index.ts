import type { Clock } from '../../shared/domain/clock';
import { purgeExpiredSessions, SESSION_PURGE_EVERY_MS } from '../auth/session-expiry';
import type { Store } from '../store/types';
import { CHANGELOG_PURGE_EVERY_MS, purgeChangeLog } from '../sync/retention';
import type { Job } from './runner';

export { createJobsRunner, type Job, type JobsOptions, type JobsRunner } from './runner';

/** How often an instance asks for each job's lease, unless FLOORBOARD_JOBS_POLL_MS says otherwise. */
export const JOBS_POLL_MS = 30_000;

/** Every server job (D3). Escalations, notification delivery and retention join this list. */
export function serverJobs(store: Store, clock: Clock, opts: { changeLogDays: number }): Job[] {
  return [
    // A3: sign-in purges as well; this catches the sessions of a quiet plant.
    { name: 'session-purge', everyMs: SESSION_PURGE_EVERY_MS, run: () => purgeExpiredSessions(store, clock) },
    // D4: tombstones older than FLOORBOARD_CHANGELOG_DAYS leave the change log; a cursor from before them answers reset.
    { name: 'change-log-purge', everyMs: CHANGELOG_PURGE_EVERY_MS, run: () => purgeChangeLog(store, clock, opts.changeLogDays).then(() => undefined) },
  ];
}
