import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createJobsRunner, type Job, type JobsRunner } from '../../server/jobs';
import { createLeaseHolder } from '../../server/store/postgres/lease';
import { fakeClock } from '../server/harness';
import { createTestDatabase } from '../support/postgres';

const EVERY = 60_000;

/** A job that counts its runs on one instance. */
function counted(name = 'purge') {
  const job = { name, everyMs: EVERY, runs: 0, run: async () => void job.runs++ };
  return job satisfies Job;
}

/** Ends the one database connection that holds advisory locks, as a holder's death would, and waits until its locks are gone. */
async function killLeaseHolder(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const held =
      "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    expect((await admin.query(`SELECT pg_terminate_backend(pid) FROM (SELECT DISTINCT l.pid ${held}) AS holder`)).rows).toHaveLength(1);
    while (Number((await admin.query(`SELECT count(*) AS n ${held}`)).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await admin.end();
  }
}

describe('server jobs under a lease (D3)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });
  /** One instance's leases, closed (after its runner stopped) at the end of the test. */
  const leases = (url: string) => {
    const h = createLeaseHolder({ url });
    cleanup.push(() => h.close());
    return h;
  };
  const runner = (url: string, job: Job, clock = fakeClock(), log: string[] = []) => {
    const r: JobsRunner = createJobsRunner({ jobs: [job], clock, pollMs: 60_000, lease: leases(url).lease, log: (l) => log.push(l) });
    cleanup.push(() => r.stop());
    return r;
  };

  it('[D3] two instances on one database: the job runs on exactly one, and moves to the other when the holder dies', async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const clock = fakeClock();
    const [jobA, jobB] = [counted(), counted()];
    const [logA, logB]: string[][] = [[], []];
    const a = runner(db.url, jobA, clock, logA);
    const b = runner(db.url, jobB, clock, logB);

    for (let round = 0; round < 3; round++) {
      await a.tick();
      await b.tick();
      clock.advance(EVERY);
    }
    expect([jobA.runs, jobB.runs]).toEqual([3, 0]);
    expect(logA).toEqual(['jobs: purge runs on this instance']);
    expect(logB).toEqual([]);

    await killLeaseHolder(db.url);
    // B takes the lease at its next round and runs at once: when A last ran is not known to it.
    await b.tick();
    await a.tick();
    expect([jobA.runs, jobB.runs]).toEqual([3, 1]);
    // A learns it lost the lease instead of running a second time.
    expect(logA).toEqual(['jobs: purge runs on this instance', 'jobs: purge lost its lease']);
    clock.advance(EVERY);
    await a.tick();
    await b.tick();
    expect([jobA.runs, jobB.runs]).toEqual([3, 2]);
  });

  it('[D3] a job runs once per period on its holder, not on every round', async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const clock = fakeClock();
    const job = counted();
    const r = runner(db.url, job, clock);
    await r.tick();
    clock.advance(EVERY - 1);
    await r.tick();
    expect(job.runs).toBe(1);
    clock.advance(1);
    await r.tick();
    expect(job.runs).toBe(2);
  });

  it('[D3] a stopped instance gives its leases up: the next instance takes the job at its next round', async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const [jobA, jobB] = [counted(), counted()];
    const a = runner(db.url, jobA);
    const b = runner(db.url, jobB);
    await a.tick();
    await b.tick();
    await a.stop();
    await b.tick();
    expect([jobA.runs, jobB.runs]).toEqual([1, 1]);
  });

  it('[D3] each job has a lease of its own, so jobs spread over the instances', async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const purge = [counted('purge'), counted('purge')];
    const retention = [counted('retention'), counted('retention')];
    const mk = (i: number) => {
      const r = createJobsRunner({
        jobs: [purge[i]!, retention[i]!],
        clock: fakeClock(),
        pollMs: 60_000,
        lease: leases(db.url).lease,
        log: () => {},
      });
      cleanup.push(() => r.stop());
      return r;
    };
    const [a, b] = [mk(0), mk(1)];
    // Retention's lease is busy elsewhere while A asks: A takes purge only, B then takes retention.
    const elsewhere = leases(db.url).lease('retention');
    expect(await elsewhere.hold()).toBe(true);
    await a.tick();
    await elsewhere.release();
    await b.tick();
    await a.tick();
    expect([purge[0]!.runs, purge[1]!.runs, retention[0]!.runs, retention[1]!.runs]).toEqual([1, 0, 0, 1]);
  });

  it("[D3] an instance's jobs hold their leases on one connection; cut, they all move to the other instance", async () => {
    const db = await createTestDatabase(inject('postgresUrl'));
    cleanup.push(() => db.drop());
    const clock = fakeClock();
    const purge = [counted('purge'), counted('purge')];
    const retention = [counted('retention'), counted('retention')];
    const mk = (i: number) => {
      const r = createJobsRunner({ jobs: [purge[i]!, retention[i]!], clock, pollMs: 60_000, lease: leases(db.url).lease, log: () => {} });
      cleanup.push(() => r.stop());
      return r;
    };
    const [a, b] = [mk(0), mk(1)];
    await a.tick();
    await b.tick();
    expect([purge[0]!.runs, retention[0]!.runs, purge[1]!.runs, retention[1]!.runs]).toEqual([1, 1, 0, 0]);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'floorboard-lease' AND datname = current_database()",
      );
      // One connection per instance, not one per job and instance.
      expect(rows[0].n).toBe(2);
    } finally {
      await admin.end();
    }

    await killLeaseHolder(db.url);
    await b.tick();
    await a.tick();
    expect([purge[0]!.runs, retention[0]!.runs, purge[1]!.runs, retention[1]!.runs]).toEqual([1, 1, 1, 1]);
  });

  it('without a lease (SQLite: one instance) every job runs here; a failing job is told and does not stop the others', async () => {
    const log: string[] = [];
    const good = counted('good');
    const bad: Job = {
      name: 'bad',
      everyMs: EVERY,
      run: async () => {
        throw new Error('disk full');
      },
    };
    const r = createJobsRunner({ jobs: [bad, good], clock: fakeClock(), pollMs: 60_000, log: (l) => log.push(l) });
    await r.tick();
    expect(good.runs).toBe(1);
    expect(log).toEqual(['jobs: bad failed: disk full']);
    await r.stop();
  });
});
