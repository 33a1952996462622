import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres';
import { kill, startInstance, type Instance } from './instances';
import { startProxy, type BalancingProxy } from './proxy';
import { sse } from '../support/sse';
import { api, makeTablet, signIn, type Tablet } from './tablets';

const STATION = 'st-mill-1';
const OPERATOR = 'u-op-nguyen';
const PURGE_HELD = 'jobs: session-purge runs on this instance';
const CHANGELOG_HELD = 'jobs: change-log-purge runs on this instance';

/** Three instances of server/main.ts on one fresh PostgreSQL database behind a round-robin proxy (D3). */
describe('several server instances on one PostgreSQL (D3)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Client;
  let instances: Instance[] = [];
  let proxy: BalancingProxy;
  let cookie: string;
  let operationId: string;

  beforeAll(async () => {
    db = await createTestDatabase(inject('postgresUrl'));
    // The first seeds the demo plant; the others find it there.
    const first = await startInstance('one', db.url, { seed: true });
    instances = [first, ...(await Promise.all([startInstance('two', db.url), startInstance('three', db.url)]))];
    proxy = await startProxy(instances.map((i) => i.url));
    cookie = await signIn(proxy.url);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const op = await sql.query<{ id: string }>("SELECT id FROM records WHERE entity = 'operations' AND value::jsonb->>'stationId' = $1 ORDER BY id LIMIT 1", [
      STATION,
    ]);
    operationId = op.rows[0]!.id;
  });

  afterAll(async () => {
    await Promise.all(instances.map(kill));
    await proxy?.close();
    await sql?.end();
    await db?.drop();
  });

  it('[D3] every instance answers /api/health, without a disk of its own to report on PostgreSQL', async () => {
    for (const i of instances) {
      const health = await api<Record<string, unknown>>(i.url, '/api/health');
      expect(health.status).toBe(200);
      // DATA_DIR holds nothing on PostgreSQL: its absence is no reason to call the instance degraded.
      expect(health.body).toEqual({ ok: true, version: expect.any(String) });
    }
  });

  it('[D3] each server job runs on exactly one instance', async () => {
    // Every instance has asked for the leases by now (each asks before listening).
    expect(instances.filter((i) => i.output().includes(PURGE_HELD))).toHaveLength(1);
    expect(instances.filter((i) => i.output().includes(CHANGELOG_HELD))).toHaveLength(1);
    const locks = await sql.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    // One lease a job: the session purge and the change-log purge.
    expect(locks.rows[0].n).toBe(2);
  });

  it("[D3][S8] a push through instance A pokes a stream on instance B, and B's tablet then pulls it", async () => {
    const [a, b] = [instances[0]!, instances[1]!];
    const onA = await makeTablet(a.url, cookie, [STATION]);
    const onB = await makeTablet(b.url, cookie, [STATION]);
    await onA.syncUntilConfirmed();
    await onB.syncUntilConfirmed();

    const events = await fetch(`${b.url}/api/sync/events`, { headers: { authorization: `Bearer ${onB.token}` } });
    expect(events.status).toBe(200);
    const stream = sse(events);
    const hello = await stream.next();
    expect(hello?.event).toBe('poke');
    const connectedAt = (JSON.parse(hello!.data) as { cursor: number }).cursor;

    await onA.client.mutate('addNote', { id: 'n-across', stationId: STATION, text: 'made on A' }, OPERATOR);
    const pushedAt = performance.now();
    const poked = stream.until((e) => e.event === 'poke' && (JSON.parse(e.data) as { cursor: number }).cursor > connectedAt);
    await onA.syncUntilConfirmed();
    expect(await poked).not.toBeNull();
    const pokeMs = performance.now() - pushedAt;
    await stream.cancel();

    await onB.syncUntilConfirmed();
    const note = (await onB.db.table('notes').get('n-across')) as { text: string } | undefined;
    const pulledMs = performance.now() - pushedAt;
    expect(note?.text).toBe('made on A');
    console.log(`[D3] push through instance A → poke on instance B's stream: ${pokeMs.toFixed(1)} ms; B's tablet has the note after ${pulledMs.toFixed(1)} ms`);
  });

  it('[A1][D3] a tablet revoked through instance A: its stream on instance B ends at once, and B refuses its token', async () => {
    const [a, b] = [instances[0]!, instances[1]!];
    const tablet = await makeTablet(b.url, cookie, [STATION]);
    const events = await fetch(`${b.url}/api/sync/events`, { headers: { authorization: `Bearer ${tablet.token}` } });
    const stream = sse(events);
    expect((await stream.next())?.event).toBe('poke');
    expect((await api(a.url, `/api/devices/${tablet.deviceId}`, { method: 'DELETE', cookie })).status).toBeLessThan(300);
    // The instances run without heartbeat re-checks here: only A's notification can end B's stream.
    expect(await stream.until((e) => e.event === 'closed')).toEqual({ event: 'closed', data: JSON.stringify({ code: 'unauthorized' }) });
    expect(await stream.next()).toBeNull();
    expect((await api(b.url, '/api/sync/pull?clientId=revoked-client-1&cursor=0', { token: tablet.token })).status).toBe(401);
  });

  it('[D3][S2][A4] an instance SIGKILLed while tablets push through the proxy: every push is retried until confirmed, nothing lost, nothing doubled, the chain verifies', async () => {
    const TABLETS = 4;
    const REPORTS = 30;
    const tablets: Tablet[] = [];
    for (let t = 0; t < TABLETS; t++) {
      const tablet = await makeTablet(proxy.url, cookie, [STATION]);
      // The first pull brings the operation, which the tablet's own mutator must find.
      await tablet.syncUntilConfirmed();
      tablets.push(tablet);
    }
    const holder = instances.find((i) => i.output().includes(PURGE_HELD))!;
    const failures: Record<string, number> = {};
    const count = (f: Record<string, number>) => {
      for (const [k, v] of Object.entries(f)) failures[k] = (failures[k] ?? 0) + v;
    };

    let killed: Promise<void> | undefined;
    await Promise.all(
      tablets.map(async (tablet, t) => {
        for (let i = 1; i <= REPORTS; i++) {
          const local = await tablet.client.mutate('reportQuantity', { id: `q-${t}-${i}`, operationId, good: 1, scrap: 0 }, OPERATOR);
          expect(local).toMatchObject({ outcome: 'applied' });
          // A third of the way in, the instance holding the jobs' lease dies mid-traffic.
          if (t === 0 && i === Math.floor(REPORTS / 3)) killed = kill(holder);
          const s = await tablet.client.syncNow();
          if (s.lastError) count({ [s.lastError]: 1 });
        }
        count(await tablet.syncUntilConfirmed());
      }),
    );
    await killed;
    console.log(
      `[D3] killed instance "${holder.name}" mid-push; failed sync passes the tablets retried, by code: ${JSON.stringify(failures)}; requests per instance: ${JSON.stringify(proxy.sent)}`,
    );

    // Nothing lost, nothing doubled: every report once, every mutation audited once.
    const reports = await sql.query<{ id: string }>("SELECT id FROM records WHERE entity = 'quantityReports' ORDER BY id");
    const want = tablets.flatMap((_, t) => Array.from({ length: REPORTS }, (_, i) => `q-${t}-${i + 1}`)).sort();
    expect(reports.rows.map((r) => r.id).sort()).toEqual(want);
    const audited = await sql.query<{ client: string; mutation: number; n: number; outcome: string }>(
      `SELECT entry::jsonb->>'clientId' AS client, (entry::jsonb->>'mutationId')::int AS mutation, count(*)::int AS n, min(entry::jsonb->>'outcome') AS outcome
         FROM audit WHERE entry::jsonb->>'mutation' = 'reportQuantity' GROUP BY 1, 2`,
    );
    expect(audited.rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(audited.rows.filter((r) => r.outcome !== 'applied')).toEqual([]);
    expect(audited.rows).toHaveLength(TABLETS * REPORTS);
    // Each tablet's mutations 1…REPORTS under one client id, with no gap.
    const byClient = new Map<string, number[]>();
    for (const r of audited.rows) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r.mutation]);
    expect([...byClient.values()].map((ids) => ids.sort((x, y) => x - y).join(','))).toEqual(
      Array(TABLETS).fill(Array.from({ length: REPORTS }, (_, i) => i + 1).join(',')),
    );

    // Asked of a survivor: this proxy, without health checks, still sends every third request to the dead one.
    const survivors = instances.filter((i) => i !== holder);
    const verify = await api<{ ok: boolean }>(survivors[0]!.url, '/api/audit/verify', { cookie });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);

    // The job moved: a surviving instance took the purge's lease once the holder's connection died.
    const taken = survivors.map((i) => i.printed(PURGE_HELD));
    // The survivor that never takes it rejects when afterAll stops it: that is no failure.
    for (const t of taken) t.catch(() => undefined);
    await Promise.race(taken);
    expect(survivors.filter((i) => i.output().includes(PURGE_HELD))).toHaveLength(1);
  }, 120_000);
});
