import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  card,
  createEnrollmentCode,
  e2eStore,
  enrollTablet,
  firstStartable,
  openConsole,
  outboxRows,
  pendingCount,
  reportQuantity,
  serverAudit,
  serverRecords,
  signInOperator,
  snap,
  startOperation,
  tid,
  type Operator,
  type Tablet,
  useE2eWorld,
} from './harness';

// Issue 7 part 8 (DESIGN §5 S2, §7 A1, §8): a tablet revoked while in use says so at once, keeps
// its work queued, and once enrolled again with a new code delivers that work exactly once.

const KOWALSKI: Operator = { badge: 'B1002', pin: '8642', name: 'Pete Kowalski' }; // st-lathe-1 only

let tablet: Tablet;
let consolePage: Page;
let operationId = '';
/** Started before the revocation, so the server knows the tablet's client id (the case that stranded work). */
let firstOperationId = '';

const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'reenroll-tablet');
  if (consolePage) await snap(consolePage, 'reenroll-console');
});

/** The status bar's words: never "No problems" while the tablet's pushes are refused. */
async function barSaysRefused(page: Page) {
  await page.locator(tid('sync-refused')).waitFor();
  expect(await page.locator(tid('sync-problems-toggle')).textContent()).not.toContain('No problems');
  expect(await page.locator(tid('sync-error-text')).textContent()).toMatch(/\w+/);
}

describe(`a revoked tablet keeps its work and delivers it once after enrolling again (${e2eStore()})`, () => {
  it('[A1][A2][S2] the tablet enrolls, the operator signs in and starts an operation that syncs', async () => {
    const c = await openConsole(world.browser, world.server);
    consolePage = c.page;
    world.pageErrors.push(c.errors);
    world.closers.push(() => c.context.close());
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Lathe tablet', ['st-lathe-1']);
    world.closers.push(() => tablet.context.close());
    world.pageErrors.push(tablet.errors);
    await signInOperator(tablet, KOWALSKI);
    ({ operationId: firstOperationId } = await firstStartable(tablet.page));
    await startOperation(tablet.page, firstOperationId);
    await expect.poll(() => outboxRows(tablet.page), { timeout: 30_000, interval: 300 }).toBe(0);
  });

  it('[A1][§8] revoked from the console, the tablet says so at once, with a way to enroll again', async () => {
    const p = consolePage;
    await p.locator(tid('console-tab-devices')).click();
    await p.locator(tid('devices-reload')).click();
    const row = p.locator(`${tid('device-row')}:has-text("Lathe tablet")`);
    await row.locator(tid('device-revoke')).click();
    await row.locator(tid('device-revoke-confirm')).click();
    await p.locator(`${tid('device-row')}[data-revoked="true"]:has-text("Lathe tablet")`).waitFor();
    const revokedAt = Date.now();
    // No tap on the tablet: the event stream's end makes it sync and learn of the revocation.
    await tablet.page.locator(tid('device-revoked')).waitFor({ timeout: 10_000 });
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    expect(await tablet.page.locator(`${tid('device-revoked')} a[href="/enroll"]`).count()).toBe(1);
    await barSaysRefused(tablet.page);
  });

  it('[S7][§8] the revoked tablet keeps working: start and report are queued, the bar says they do not reach the server', async () => {
    const { page } = tablet;
    ({ operationId } = await firstStartable(page));
    expect(operationId).not.toBe(firstOperationId);
    await startOperation(page, operationId);
    await reportQuantity(page, operationId, 6, 0);
    await expect.poll(() => card(page, operationId).locator(tid('queue-good-scrap')).textContent()).toBe('6 / 0');
    await expect.poll(() => outboxRows(page)).toBe(2);
    await expect.poll(() => pendingCount(page)).toBe(2);
    await barSaysRefused(page);
    await page.locator(tid('sync-problems-toggle')).click();
    expect(await page.locator(tid('sync-problems')).textContent()).not.toContain('was applied');
    await page.locator(tid('sync-refused-detail')).waitFor();
    await page.locator(tid('sync-problems-toggle')).click();
  });

  it('[§8] the console shows the revoked tablet stuck, with its changes waiting, version and last seen', async () => {
    const p = consolePage;
    const row = p.locator(`${tid('device-row')}:has-text("Lathe tablet")`);
    await expect
      .poll(
        async () => {
          await p.locator(tid('devices-reload')).click();
          return row.getAttribute('data-stuck');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('true');
    await expect.poll(() => row.locator(tid('device-waiting')).getAttribute('data-count')).toBe('2');
    expect(await row.locator(tid('device-stuck')).textContent()).toBe('Stuck');
    expect(await row.locator(tid('device-version')).textContent()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await row.locator(tid('device-last-seen')).textContent()).not.toBe('Not yet');
  });

  it('[S2][A1] enrolled again with a new code, the queued work reaches the server exactly once', async () => {
    const { page } = tablet;
    const code = await createEnrollmentCode(world.server.url, world.cookie, 'Lathe tablet (again)', ['st-lathe-1']);
    await page.locator(`${tid('device-revoked')} a[href="/enroll"]`).click();
    await page.locator(tid('enroll-screen')).waitFor();
    await page.locator(tid('enroll-code')).fill(code);
    await page.locator(tid('enroll-submit')).click();
    await page.locator(tid('enroll-success')).waitFor();
    await expect.poll(() => outboxRows(page), { timeout: 30_000, interval: 300 }).toBe(0);
    await page.locator(tid('enroll-continue')).click();
    // The person stays signed in across the re-enrollment: straight back to the station.
    await page.locator(tid('station-screen')).waitFor();
    await page.locator(`${tid('station-user')}:has-text("${KOWALSKI.name}")`).waitFor();
    await expect.poll(() => pendingCount(page)).toBe(0);
    expect(await page.locator(tid('sync-refused')).count()).toBe(0);
    expect(await page.locator(tid('device-revoked')).count()).toBe(0);
    await expect.poll(() => card(page, operationId).locator(tid('queue-good-scrap')).textContent()).toBe('6 / 0');

    const audit = (await serverAudit(world.server)).filter((e) => e.deviceId !== 'console');
    // One client id across both enrollments: 1 before the revocation, 2 and 3 after, each once (S1, S2).
    expect(audit.map((e) => [e.mutationId, e.mutation, e.outcome])).toEqual([
      [1, 'startOperation', 'applied'],
      [2, 'startOperation', 'applied'],
      [3, 'reportQuantity', 'applied'],
    ]);
    expect(new Set(audit.map((e) => e.clientId)).size).toBe(1);
    expect(audit.map((e) => e.args.operationId)).toEqual([firstOperationId, operationId, operationId]);
    expect(new Set(audit.map((e) => `${e.clientId}:${e.mutationId}`)).size).toBe(audit.length);
    const reports = (await serverRecords(world.server, 'quantityReports')).filter((r) => r.value.operationId === operationId);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.value).toMatchObject({ good: 6, scrap: 0 });
    const op = (await serverRecords(world.server, 'operations')).find((r) => r.id === operationId);
    expect(op?.value).toMatchObject({ status: 'running', good: 6 });
  });

  it('[§8] the console shows the new device healthy: nothing stuck', async () => {
    const p = consolePage;
    const row = p.locator(`${tid('device-row')}:has-text("Lathe tablet (again)")`);
    await p.locator(tid('devices-reload')).click();
    await row.waitFor();
    expect(await row.getAttribute('data-stuck')).toBe('false');
  });

  it('[S8] back online after a long dead zone, the event stream reconnects at once: a posted change arrives in seconds', async () => {
    const { page, context } = tablet;
    await context.setOffline(true);
    // Long enough for the stream's reconnect backoff to grow to waits of many seconds.
    await page.waitForTimeout(20_000);
    await context.setOffline(false);
    await expect.poll(() => page.locator(tid('sync-online')).getAttribute('data-online')).toBe('true');
    await page.waitForTimeout(1_000); // the `online` sync has pulled; what follows can only come as a poke
    const message = `E2E after the dead zone ${Date.now()}`;
    const p = consolePage;
    await p.locator(tid('console-tab-changes')).click();
    await p.locator(tid('change-kind')).selectOption('note');
    await p.locator(tid('change-message-input')).fill(message);
    await p.locator(`${tid('change-station')}[data-station-id="st-lathe-1"]`).click();
    await p.locator(tid('change-submit')).click();
    await p.locator(tid('change-result')).waitFor();
    const posted = Date.now();
    await page.locator(`${tid('change-banner')}:has-text("${message}")`).waitFor({ state: 'attached', timeout: 30_000 });
    const took = Date.now() - posted;
    console.log(`first live update after the dead zone: ${took} ms`);
    expect(took).toBeLessThan(5_000);
  });

  it('no page threw an uncaught error', () => {
    expect(world.pageErrors.flat()).toEqual([]);
  });
}, 180_000);
