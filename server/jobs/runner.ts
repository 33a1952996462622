import type { Clock } from '../../shared/domain/clock';
import type { Lease } from '../store/postgres/lease';

/** A server-side job (D3): expired sessions today; escalations, delivery and retention later. */
export interface Job {
  /** Names its lease, so every instance asks for the same one. */
  name: string;
  /** How often it runs on the instance that holds its lease. */
  everyMs: number;
  run(): Promise<unknown>;
}

export interface JobsOptions {
  jobs: Job[];
  clock: Clock;
  /** A job's lease on PostgreSQL. Without it every job runs here: SQLite has one instance. */
  lease?: (name: string) => Lease;
  /** How often each lease is asked for; a holder that died is replaced within about this long. */
  pollMs: number;
  /** Where taking and losing a lease, and failed runs, are told. */
  log?: (line: string) => void;
}

export interface JobsRunner {
  /** One round: each job asks for its lease and runs if it holds it and its time has come. */
  tick(): Promise<void>;
  /** Ticks every `pollMs` from now on (the timer does not keep the process alive). */
  start(): void;
  /** Stops ticking, waits for a running job, and gives the leases up so another instance takes them at once. */
  stop(): Promise<void>;
}

interface State {
  job: Job;
  lease: Lease | undefined;
  held: boolean;
  lastRunAt: number | undefined;
}

/**
 * Runs each job only on the instance holding its lease (`pg_try_advisory_lock`, D3), so each
 * run fires once across the instances on one database. A job runs at once when its instance
 * takes the lease (at start, or after the holder died: when the last run was is not known
 * here), then every `everyMs`; so a job must be harmless to run early, and, since a lease can be
 * lost in the middle of a run (a cut connection), harmless to run twice.
 */
export function createJobsRunner(opts: JobsOptions): JobsRunner {
  const log = opts.log ?? ((line: string) => console.log(line));
  const states: State[] = opts.jobs.map((job) => ({ job, lease: opts.lease?.(job.name), held: false, lastRunAt: undefined }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  async function step(s: State): Promise<void> {
    const holds = s.lease ? await s.lease.hold() : true;
    if (holds !== s.held) {
      if (s.lease) log(holds ? `jobs: ${s.job.name} runs on this instance` : `jobs: ${s.job.name} lost its lease`);
      s.held = holds;
      // Taken again later, the job runs at once: meanwhile another instance kept its time.
      if (!holds) s.lastRunAt = undefined;
    }
    if (!holds || stopped) return;
    const now = opts.clock.now();
    if (s.lastRunAt !== undefined && now - s.lastRunAt < s.job.everyMs) return;
    s.lastRunAt = now;
    try {
      await s.job.run();
    } catch (err) {
      // A failed run is tried again at its next time; it must not stop the other jobs.
      log(`jobs: ${s.job.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const tick = (): Promise<void> => {
    // Rounds never overlap: a slow job delays the next round instead of running beside itself.
    const round = current.then(() => Promise.all(states.map(step))).then(() => undefined);
    current = round.catch(() => undefined);
    return round;
  };

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => void tick().finally(schedule), opts.pollMs);
    timer.unref();
  }

  return {
    tick,
    start: schedule,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await Promise.all(states.map((s) => s.lease?.release()));
    },
  };
}
