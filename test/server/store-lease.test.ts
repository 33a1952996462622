import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLeaseHolder, type LeaseHolder } from '../../server/store/postgres/lease';
import { createTestDatabase } from '../support/postgres';

/** Advisory locks granted in the test's database. */
const HELD = "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
/** The lease connections to the test's database. */
const LEASE_CONNECTIONS = "FROM pg_stat_activity WHERE application_name = 'floorboard-lease' AND datname = current_database()";

/**
 * A TCP proxy to PostgreSQL that can go silent: it then forwards nothing either way and sends no
 * reset, as a network that drops packets does. Nothing is listening for it to close on its own.
 */
async function silentableProxy(target: string) {
  const { hostname, port } = new URL(target);
  let silent = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(port), hostname);
    sockets.push(inbound, outbound);
    inbound.on('data', (d) => void (silent || outbound.write(d)));
    outbound.on('data', (d) => void (silent || inbound.write(d)));
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.toString(),
    goSilent: () => void (silent = true),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Polls until `check` is true; pg_terminate_backend and a client's end() only start a backend's exit. */
async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('postgres lease (D3)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  let holders: LeaseHolder[] = [];
  /** One server instance's leases. */
  const instance = () => {
    const h = createLeaseHolder({ url: db.url });
    holders.push(h);
    return h;
  };
  const leaseConnections = async () => (await admin.query<{ pid: number }>(`SELECT pid ${LEASE_CONNECTIONS}`)).rows.map((r) => r.pid);
  const heldLocks = async () => (await admin.query<{ pid: number }>(`SELECT l.pid ${HELD}`)).rows.map((r) => r.pid);
  const gone = (pid: number) => until(async () => !(await leaseConnections()).includes(pid), `backend ${pid} has gone`);

  beforeEach(async () => {
    db = await createTestDatabase(inject('postgresUrl'));
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(holders.map((h) => h.close()));
    holders = [];
    await admin.end();
    await db.drop();
  });

  it('[D3] one instance at a time holds a lease; another takes it once it is released', async () => {
    const [a, b] = [instance().lease('escalations'), instance().lease('escalations')];
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(await a.hold()).toBe(true);
    await a.release();
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
  });

  it('[D3] leases of different jobs are independent', async () => {
    expect(await instance().lease('escalations').hold()).toBe(true);
    expect(await instance().lease('retention').hold()).toBe(true);
  });

  it("[D3] when the holder's connection dies, the lease passes to another instance", async () => {
    const [a, b] = [instance().lease('delivery'), instance().lease('delivery')];
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    const { rows } = await admin.query(`SELECT pg_terminate_backend(l.pid) ${HELD}`);
    expect(rows).toHaveLength(1);
    await until(async () => (await heldLocks()).length === 0, 'the lock has gone');
    expect(await b.hold()).toBe(true);
    // The old holder learns it lost the lease instead of running the job a second time.
    expect(await a.hold()).toBe(false);
  });

  it("[D3] an instance's leases share one connection, whatever the number of jobs", async () => {
    const here = instance();
    const leases = ['escalations', 'delivery', 'retention'].map((name) => here.lease(name));
    // Not connected before the first hold(): an instance that runs no job keeps no connection.
    expect(await leaseConnections()).toEqual([]);
    for (const l of leases) expect(await l.hold()).toBe(true);
    const pids = await leaseConnections();
    expect(pids).toHaveLength(1);
    expect(await heldLocks()).toEqual([pids[0], pids[0], pids[0]]);
    // Another instance has one connection of its own for all of its leases too.
    const there = instance();
    for (const name of ['escalations', 'delivery', 'retention']) expect(await there.lease(name).hold()).toBe(false);
    expect(await leaseConnections()).toHaveLength(2);
  });

  it('[D3] releasing one lease frees only its lock; the last release ends the connection', async () => {
    const here = instance();
    const [escalations, retention] = [here.lease('escalations'), here.lease('retention')];
    expect(await escalations.hold()).toBe(true);
    expect(await retention.hold()).toBe(true);
    const [pid] = await leaseConnections();

    await escalations.release();
    expect(await heldLocks()).toEqual([pid]);
    expect(await retention.hold()).toBe(true);
    const there = instance();
    const theirs = [there.lease('escalations'), there.lease('retention')];
    expect(await theirs[0]!.hold()).toBe(true);
    expect(await theirs[1]!.hold()).toBe(false);
    expect(await leaseConnections()).toContain(pid);

    await retention.release();
    await gone(pid!);
    expect(await theirs[1]!.hold()).toBe(true);
  });

  it('[D3] killing the shared connection loses every lease of the instance, and another instance takes them all', async () => {
    const here = instance();
    const there = instance();
    const mine = [here.lease('escalations'), here.lease('retention')];
    const theirs = [there.lease('escalations'), there.lease('retention')];
    for (const l of mine) expect(await l.hold()).toBe(true);
    for (const l of theirs) expect(await l.hold()).toBe(false);
    const locked = await heldLocks();
    expect(locked).toHaveLength(2);
    const [pid, other] = locked;
    expect(other).toBe(pid);

    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await gone(pid!);
    for (const l of theirs) expect(await l.hold()).toBe(true);
    // Every lease of the cut connection learns it is lost, not only the first to ask.
    for (const l of mine) expect(await l.hold()).toBe(false);
    const pids = new Set(await heldLocks());
    expect(pids.size).toBe(1);
    expect(pids.has(pid!)).toBe(false);
  });

  it('[D3] a cut connection is noticed even while idle, and the leases are taken again on a new one', async () => {
    const here = instance();
    const mine = [here.lease('escalations'), here.lease('retention')];
    for (const l of mine) expect(await l.hold()).toBe(true);
    const [pid] = await heldLocks();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await gone(pid!);
    // No other instance wanted them: this one takes them again, on one new connection.
    for (const l of mine) expect(await l.hold()).toBe(true);
    const pids = await heldLocks();
    expect(pids).toHaveLength(2);
    expect(pids[0]).toBe(pids[1]);
    expect(pids[0]).not.toBe(pid);
    expect(await leaseConnections()).toEqual([pids[0]]);
  });

  it('[D3] a hold() right after the connection was cut, before the client has noticed, takes the free lease again on a new connection', async () => {
    const here = instance();
    const job = here.lease('escalations');
    expect(await job.hold()).toBe(true);
    const [pid] = await heldLocks();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(await job.hold()).toBe(true);
    const pids = await heldLocks();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(pid);
  });

  it('[D3] concurrent hold()s on the one connection take each lock once, so one release frees it', async () => {
    const here = instance();
    const [escalations, retention] = [here.lease('escalations'), here.lease('retention')];
    const answers = await Promise.all([escalations.hold(), escalations.hold(), retention.hold(), escalations.hold(), retention.hold()]);
    expect(answers).toEqual([true, true, true, true, true]);
    expect(await leaseConnections()).toHaveLength(1);
    // Advisory locks stack within a session: taken twice, one unlock would leave it held.
    await escalations.release();
    expect(await instance().lease('escalations').hold()).toBe(true);
    expect(await retention.hold()).toBe(true);
  });

  it('[D3] two leases of one job on one instance: one holds it, the other only after it is released', async () => {
    const here = instance();
    const [first, second] = [here.lease('delivery'), here.lease('delivery')];
    expect(await first.hold()).toBe(true);
    // Same session, so PostgreSQL would grant the lock again: the holder answers false instead.
    expect(await second.hold()).toBe(false);
    await first.release();
    expect(await second.hold()).toBe(true);
    expect(await first.hold()).toBe(false);
  });

  it('[D3] a network that goes silent (no reset) makes hold() answer false after its timeout, never a hang or a lock believed held', async () => {
    const proxy = await silentableProxy(db.url);
    try {
      const here = createLeaseHolder({ url: proxy.url, timeoutMs: 300 });
      holders.push(here);
      const job = here.lease('escalations');
      expect(await job.hold()).toBe(true);
      proxy.goSilent();
      expect(await job.hold()).toBe(false);
      // A connect that gets no answer gives up too.
      const late = createLeaseHolder({ url: proxy.url, timeoutMs: 300 });
      holders.push(late);
      expect(await late.lease('retention').hold()).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('[D3] closing the leases ends the connection: another instance takes them, and hold() answers false', async () => {
    const here = instance();
    const mine = [here.lease('escalations'), here.lease('retention')];
    for (const l of mine) expect(await l.hold()).toBe(true);
    const [pid] = await leaseConnections();
    await here.close();
    await gone(pid!);
    const there = instance();
    expect(await there.lease('escalations').hold()).toBe(true);
    expect(await there.lease('retention').hold()).toBe(true);
    for (const l of mine) expect(await l.hold()).toBe(false);
    expect(await leaseConnections()).toHaveLength(1);
  });
});
