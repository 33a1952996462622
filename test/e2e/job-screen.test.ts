import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../server/seed/people';
import { card, e2eStore, enrollTablet, openConsole, serverRecords, signInOperator, snap, tid, type Tablet, useE2eWorld } from './harness';

// The job screen (a queue card opens its job; a scan lands on the same path) and the station
// screen's layout: the first job stays on screen at 8" / 10" portrait and landscape (L3).

const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1280, height: 800 };

interface Wo {
  id: string;
  number: string;
  dueAt: string;
  stationIds: string[];
  operationCount: number;
}
interface Op {
  id: string;
  workOrderId: string;
  stationId: string;
  status: string;
}

let tablet: Tablet;
let consolePage: Page;
let station = '';
let heldOp: Op;
let startedWo: Wo | undefined;
let ops: Op[] = [];
let wos: Wo[] = [];

const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'job-screen-tablet');
  if (consolePage) await snap(consolePage, 'job-screen-console');
});

describe(`the job screen and the station layout (${e2eStore()})`, () => {
  it('a tablet at a station of the held job signs in', async () => {
    wos = (await serverRecords(world.server, 'workOrders')).map((r) => r.value as unknown as Wo);
    ops = (await serverRecords(world.server, 'operations')).map((r) => r.value as unknown as Op);
    const hold = (await serverRecords(world.server, 'holds')).map((r) => r.value).find((h) => h.status === 'open')!;
    const held = wos.find((w) => w.id === hold.workOrderId)!;
    // The station of the held job with the most late open work, so the late-first order shows.
    const lateAt = (s: string) =>
      ops.filter((o) => o.stationId === s && o.status !== 'completed' && Date.parse(wos.find((w) => w.id === o.workOrderId)!.dueAt) < Date.now()).length;
    station = [...held.stationIds].sort((a, b) => lateAt(b) - lateAt(a))[0]!;
    heldOp = ops.find((o) => o.workOrderId === held.id && o.stationId === station)!;
    // A job under way elsewhere (the demo starts some: first operation done, second running).
    startedWo = wos.find(
      (w) =>
        ops.some((o) => o.workOrderId === w.id && o.stationId === station) &&
        ops.some((o) => o.workOrderId === w.id && o.stationId !== station && o.status !== 'pending'),
    );
    const operator = DEMO_USERS.find((u) => u.role === 'operator' && (u.stationIds as readonly string[]).includes(station))!;
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Job tablet', [station]);
    world.closers.push(() => tablet.context.close());
    world.pageErrors.push(tablet.errors);
    await tablet.page.setViewportSize(LANDSCAPE);
    await signInOperator(tablet, { badge: operator.badge, pin: operator.pin, name: operator.name });
    await card(tablet.page, heldOp.id).waitFor();
  });

  it('the queue runs late work first and says so in words', async () => {
    const page = tablet.page;
    const late = await page.locator(`${tid('queue-item')}:has(${tid('queue-late')})`).count();
    expect(late).toBeGreaterThan(0);
    const flags = await page.locator(tid('queue-item')).evaluateAll((els) => els.map((e) => (e.querySelector('[data-testid="queue-late"]') ? 1 : 0)));
    // Every late card comes before every card on time.
    expect(flags.slice(0, late)).toEqual(Array(late).fill(1));
    expect(await page.locator(tid('queue-item')).first().locator(tid('queue-late')).textContent()).toMatch(/Late: was due/);
    expect(await page.locator(tid('queue-item')).first().locator(tid('queue-remaining')).textContent()).toMatch(/to go/);
  });

  it('filters and searches the queue', async () => {
    const page = tablet.page;
    const total = await page.locator(tid('queue-item')).count();
    const number = (await card(page, heldOp.id).getAttribute('data-wo-number'))!;
    await page.locator(tid('queue-search')).fill(number.toLowerCase());
    await expect
      .poll(() => page.locator(tid('queue-item')).count())
      .toBe(ops.filter((o) => o.workOrderId === heldOp.workOrderId && o.stationId === station).length);
    await page.locator(tid('queue-search-clear')).click();
    await page.locator(tid('queue-filter-late')).click();
    await expect.poll(() => page.locator(`${tid('queue-item')}:not(:has(${tid('queue-late')}))`).count()).toBe(0);
    await page.locator(tid('queue-filter-late')).click();
    await expect.poll(() => page.locator(tid('queue-item')).count()).toBe(total);
  });

  it('[L3] with 3 changes to acknowledge and a long sync problem, the first job card is fully on screen at 800×1280 and 1280×800', async () => {
    const c = await openConsole(world.browser, world.server);
    consolePage = c.page;
    world.pageErrors.push(c.errors);
    world.closers.push(() => c.context.close());
    const p = consolePage;
    await p.locator(tid('console-tab-changes')).click();
    await p.locator(`${tid('change-station')}[data-station-id="${station}"]`).click();
    for (let i = 1; i <= 3; i++) {
      await p.locator(tid('change-kind')).selectOption('note');
      await p.locator(tid('change-message-input')).fill(`E2E layout change ${i}: a long message that would take a whole row on a tablet screen`);
      await p.locator(tid('change-submit')).click();
      await expect.poll(() => p.locator(tid('change-message-input')).inputValue()).toBe('');
    }
    const page = tablet.page;
    await expect.poll(async () => Number(await page.locator(tid('change-banners')).getAttribute('data-count'))).toBeGreaterThanOrEqual(3);
    // A long status: the server answers every sync with an error the bar spells out.
    await tablet.context.route('**/api/sync/pull**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable"}' }),
    );
    await page.locator(tid('sync-now')).click();
    await page.locator(tid('sync-error')).waitFor();
    for (const size of [PORTRAIT, LANDSCAPE]) {
      await page.setViewportSize(size);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `.tmp/e2e/job-screen-queue-${size.width}x${size.height}.png` }).catch(() => undefined);
      const bar = (await page.locator(tid('sync-bar')).boundingBox())!;
      expect(bar.height, `sync bar at ${size.width}×${size.height}`).toBeLessThan(72);
      // One row, and every control of it on screen (none cut off at the right edge).
      for (const id of ['sync-online', 'sync-now', 'sync-problems-toggle', 'sync-details-link']) {
        const box = await page.locator(tid(id)).boundingBox();
        if (!box) continue;
        expect(box.x + box.width, `${id} at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
        expect(box.y + box.height, `${id} at ${size.width}×${size.height}`).toBeLessThanOrEqual(bar.y + bar.height);
      }
      const first = (await page.locator(tid('queue-item')).first().boundingBox())!;
      expect(first.y, `first card top at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(0);
      expect(first.y + first.height, `first card bottom at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
    }
    await tablet.context.unroute('**/api/sync/pull**');
    // The count opens the list, and each change can be acknowledged from it.
    await page.locator(tid('change-banners-toggle')).click();
    expect(await page.locator(`${tid('change-banners-list')} ${tid('change-banner')}`).count()).toBeGreaterThanOrEqual(3);
  });

  it('a card opens its job: the hold on top, the whole routing with this operation marked; back to the queue', async () => {
    const page = tablet.page;
    await card(page, heldOp.id).locator(tid('op-open')).click();
    await page.locator(tid('job-screen')).waitFor();
    await page.locator(tid('job-holds')).waitFor();
    const holdBox = (await page.locator(tid('job-holds')).boundingBox())!;
    const cardBox = (await page.locator(`${tid('job-screen')} ${tid('queue-item')}`).boundingBox())!;
    expect(holdBox.y).toBeLessThan(cardBox.y);
    expect(await page.locator(`${tid('job-screen')} ${tid('op-start')}`).isDisabled()).toBe(true);
    const wo = wos.find((w) => w.id === heldOp.workOrderId)!;
    await expect.poll(() => page.locator(tid('job-routing-step')).count()).toBe(wo.operationCount);
    expect(await page.locator(`${tid('job-routing-step')}[data-this="true"]`).getAttribute('data-operation-id')).toBe(heldOp.id);
    expect(await page.locator(tid('job-traveler')).textContent()).toMatch(/Rev /);
    await page.locator(tid('job-back')).click();
    await page.locator(tid('station-screen')).waitFor();
  });

  it('[S6] a job opened by its path (as a scan does) shows the other stations’ statuses, which this tablet does not sync', async () => {
    expect(startedWo).toBeDefined();
    const page = tablet.page;
    const mine = ops.find((o) => o.workOrderId === startedWo!.id && o.stationId === station)!;
    await page.goto(`/station/${station}/job/${mine.id}`);
    await page.locator(tid('job-screen')).waitFor();
    const others = ops.filter((o) => o.workOrderId === startedWo!.id && o.stationId !== station);
    for (const o of others) {
      await expect.poll(() => page.locator(`${tid('job-routing-step')}[data-operation-id="${o.id}"]`).getAttribute('data-status')).toBe(o.status);
      expect(await page.locator(`${tid('job-routing-step')}[data-operation-id="${o.id}"]`).getAttribute('data-station-id')).toBe(o.stationId);
    }
    // None of those operations is in this tablet's replica: the statuses come from the work order's routing.
    const held = await page.evaluate(
      (ids) =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('floorboard');
          req.onsuccess = () => {
            const store = req.result.transaction('operations').objectStore('operations');
            let n = 0;
            let left = ids.length;
            for (const id of ids) {
              const g = store.get(id);
              g.onsuccess = () => {
                if (g.result) n++;
                if (--left === 0) resolve(n);
              };
            }
          };
          req.onerror = () => reject(req.error);
        }),
      others.map((o) => o.id),
    );
    expect(held).toBe(0);
    await page.locator(tid('job-back-bottom')).click();
    await page.locator(tid('station-screen')).waitFor();
    expect(world.pageErrors.flat()).toEqual([]);
  });
});
