import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import {
  addNote,
  coordinatorCookie,
  e2eStore,
  enrollTablet,
  firstStartable,
  openConsole,
  outboxRows,
  pendingCount,
  reportQuantity,
  serverAudit,
  serverAuditCount,
  serverClients,
  serverRecords,
  signInOperator,
  snap,
  startOperation,
  tid,
  type Operator,
  type Tablet,
  useE2eWorld,
} from './harness';

// DESIGN §12 (browser): the outbox survives a reload and a server restart. Two tablets queue
// many changes offline and reconnect; the server is SIGKILLed after it committed tablet A's whole
// batch but before the answer reached A, and while it is part-way through tablet B's batch.
// Once everything settles nothing is lost and nothing is doubled.

const REPORTS = 15;
const NOTES = 15;
const QUEUED = REPORTS + NOTES;

interface Bench {
  tablet: Tablet;
  operator: Operator;
  station: string;
  operationId: string;
  goodBefore: number;
  scrapBefore: number;
  notePrefix: string;
  good: number[];
  scrap: number[];
}

const benches: Bench[] = [];

const world = useE2eWorld(async () => {
  for (const b of benches) await snap(b.tablet.page, `restart-${b.station}`);
});

const serverOp = async (id: string) => (await serverRecords(world.server, 'operations')).find((r) => r.id === id)!.value as { good: number; scrap: number };

describe(`the server dies in the middle of a push (${e2eStore()})`, () => {
  it('[S7] two tablets queue 30 changes each offline', async () => {
    for (const [name, station, operator] of [
      ['Assembly tablet', 'st-assembly-1', { badge: 'B1007', pin: '5418', name: 'Rania Haddad' }],
      ['Test bench tablet', 'st-test-1', { badge: 'B1008', pin: '7702', name: 'Erik Lindqvist' }],
    ] as const) {
      const tablet = await enrollTablet(world.browser, world.server, world.cookie, name, [station]);
      world.closers.push(() => tablet.context.close());
      world.pageErrors.push(tablet.errors);
      await signInOperator(tablet, operator);
      const { operationId } = await firstStartable(tablet.page);
      await startOperation(tablet.page, operationId);
      await expect.poll(() => outboxRows(tablet.page), { timeout: 30_000 }).toBe(0);
      const op = await serverOp(operationId);
      benches.push({
        tablet,
        operator,
        station,
        operationId,
        goodBefore: op.good,
        scrapBefore: op.scrap,
        notePrefix: `${name} note`,
        good: [],
        scrap: [],
      });
    }
    await Promise.all(
      benches.map(async (b) => {
        const { page } = b.tablet;
        await b.tablet.context.setOffline(true);
        for (let i = 0; i < REPORTS; i++) {
          const good = (i % 4) + 1;
          const scrap = i % 5 === 0 ? 1 : 0;
          await reportQuantity(page, b.operationId, good, scrap);
          b.good.push(good);
          b.scrap.push(scrap);
          await addNote(page, `${b.notePrefix} ${i + 1}`);
        }
        await expect.poll(() => pendingCount(page)).toBe(QUEUED);
        expect(await outboxRows(page)).toBe(QUEUED);
      }),
    );
  });

  it('[S2][S3][S4] SIGKILL mid-push, reload while the server is down, restart: nothing lost, nothing doubled', async () => {
    const [a, b] = benches as [Bench, Bench];
    // Tablet A's first push reaches the server and is committed; B's first push waits for that,
    // and the server dies as soon as it has committed part of B's batch (or after a bound).
    let releaseB!: () => void;
    const bMayGo = new Promise<void>((r) => (releaseB = r));
    let killed!: () => void;
    const serverKilled = new Promise<void>((r) => (killed = r));
    let aSeen = 0;
    let bSeen = 0;
    await a.tablet.context.route('**/api/sync/push', async (route: Route) => {
      if (aSeen++ > 0) return route.abort('connectionrefused');
      const res = await route.fetch();
      expect(res.status()).toBe(200);
      const committed = await serverAuditCount(world.server);
      releaseB();
      const deadline = Date.now() + 5_000;
      while ((await serverAuditCount(world.server)) === committed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      await world.server.stop(true);
      killed();
      await route.abort('connectionreset');
    });
    await b.tablet.context.route('**/api/sync/push', async (route: Route) => {
      if (bSeen++ > 0) return route.abort('connectionrefused');
      await bMayGo;
      await route.continue();
    });

    await a.tablet.context.setOffline(false);
    await b.tablet.context.setOffline(false);
    await serverKilled;
    const applied = await serverAudit(world.server);
    console.log(
      `[restart] committed before the kill: ${applied.filter((e) => e.deviceId !== 'console').length} of ${2 * (QUEUED + 1)};` +
        ` tablet B still holds ${await outboxRows(b.tablet.page)} of ${QUEUED}`,
    );

    // The answer was lost: the tablet still holds every change, also across a reload with the
    // server gone (the shell comes from the service worker).
    expect(await outboxRows(a.tablet.page)).toBe(QUEUED);
    await a.tablet.page.reload();
    await a.tablet.page.locator(tid('station-screen')).waitFor();
    expect(await a.tablet.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    expect(await outboxRows(a.tablet.page)).toBe(QUEUED);
    await expect.poll(() => pendingCount(a.tablet.page)).toBe(QUEUED);

    await a.tablet.context.unroute('**/api/sync/push');
    await b.tablet.context.unroute('**/api/sync/push');
    await world.server.restart();

    for (const x of benches) {
      await expect.poll(() => outboxRows(x.tablet.page), { timeout: 90_000, interval: 1_000 }).toBe(0);
      await expect.poll(() => pendingCount(x.tablet.page)).toBe(0);
    }

    const reports = await serverRecords(world.server, 'quantityReports');
    const notes = await serverRecords(world.server, 'notes');
    const audit = (await serverAudit(world.server)).filter((e) => e.deviceId !== 'console');
    const keys = new Set(audit.map((e) => `${e.clientId}:${e.mutationId}`));
    expect(keys.size).toBe(audit.length);
    expect(audit).toHaveLength(2 * (QUEUED + 1));
    expect(audit.every((e) => e.outcome === 'applied')).toBe(true);
    expect([...(await serverClients(world.server)).values()].filter((n) => n === QUEUED + 1)).toHaveLength(2);
    for (const x of benches) {
      const mine = reports.filter((r) => r.value.operationId === x.operationId);
      expect(mine).toHaveLength(REPORTS);
      const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);
      expect(sum(mine.map((r) => r.value.good as number))).toBe(sum(x.good));
      const op = await serverOp(x.operationId);
      expect(op.good).toBe(x.goodBefore + sum(x.good));
      expect(op.scrap).toBe(x.scrapBefore + sum(x.scrap));
      const texts = notes.map((n) => n.value.text as string).filter((t) => t.startsWith(`${x.notePrefix} `));
      expect(texts).toHaveLength(NOTES);
      expect(new Set(texts).size).toBe(NOTES);
      // The tablet converged on the server's totals.
      await expect
        .poll(() => x.tablet.page.locator(`${tid('queue-item')}[data-operation-id="${x.operationId}"] ${tid('queue-good-scrap')}`).textContent())
        .toBe(`${op.good} / ${op.scrap}`);
    }
  });

  it('[A4][S2] after the crash the audit chain is intact and the console feed lists each change once', async () => {
    const res = await fetch(`${world.server.url}/api/audit/verify`, { headers: { cookie: await coordinatorCookie(world.server.url) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });

    const c = await openConsole(world.browser, world.server);
    world.closers.push(() => c.context.close());
    world.pageErrors.push(c.errors);
    const entries = c.page.locator(tid('feed-entry'));
    await expect.poll(() => entries.count(), { timeout: 60_000, interval: 500 }).toBe(2 * (QUEUED + 1));
    const seen = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-mutation')));
    expect(seen.filter((m) => m === 'reportQuantity')).toHaveLength(2 * REPORTS);
    expect(seen.filter((m) => m === 'addNote')).toHaveLength(2 * NOTES);
    expect(seen.filter((m) => m === 'startOperation')).toHaveLength(2);

    // The console's verify shows the chain and the records check, and the head to publish (X5).
    await c.page.locator(tid('audit-verify')).click();
    await expect.poll(() => c.page.locator(tid('audit-verify-result')).getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    expect(await c.page.locator(tid('audit-verify-state')).getAttribute('data-ok')).toBe('true');
    expect(await c.page.locator(tid('audit-head')).textContent()).toMatch(/^\d+:[0-9a-f]{64}$/);
  });

  it('no page threw an uncaught error', () => {
    expect(world.pageErrors.flat()).toEqual([]);
  });
}, 240_000);
