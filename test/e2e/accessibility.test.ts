import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { CONSOLE_WIDE, createEnrollmentCode, newProfile, openConsole, signInOperator, snap, tid, useE2eWorld } from './harness';

/**
 * L2 on every screen: axe-core's WCAG AAA contrast (7:1) and naming rules, on the tablet at both
 * of its sizes and on the console, with the demo plant's data on screen.
 */
let last: Page | undefined;
const world = useE2eWorld(async () => {
  if (last) await snap(last, 'accessibility-failed');
});

const TABLET_SIZES = [
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
];

async function check(page: Page, screen: string): Promise<void> {
  last = page;
  const found = await axeViolations(page);
  expect(found, `${screen}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}

describe('[L2] every screen passes axe-core at 7:1 contrast', () => {
  it.each(TABLET_SIZES)('the tablet at $width×$height: enroll, sign-in, station, status', async (size) => {
    const { context, page } = await newProfile(world.browser, world.server.url, size);
    world.closers.push(() => context.close());
    await page.goto('/');
    await page.locator(tid('enroll-code')).waitFor();
    await check(page, 'enroll');
    await page.locator(tid('enroll-code')).fill(await createEnrollmentCode(world.server.url, world.cookie, `Mill ${size.width}`, ['st-mill-1']));
    await page.locator(tid('enroll-submit')).click();
    await page.locator(tid('enroll-success')).waitFor();
    await check(page, 'enrolled');
    await page.locator(tid('enroll-continue')).click();
    await page.locator(tid('signin-screen')).waitFor();
    await page.locator(tid('signin-no-users')).waitFor({ state: 'detached' });
    await check(page, 'sign-in');
    await signInOperator({ context, page, name: 'Mill', errors: [] }, { badge: 'B1001', pin: '1357', name: 'Linh Nguyen' });
    await page.locator(tid('queue-item')).first().waitFor();
    await check(page, 'station');
    await page.goto('/status');
    await page.locator(tid('status-screen')).waitFor();
    await check(page, 'status');
  });

  it('the console at 1440×900: every panel', async () => {
    const { context, page } = await openConsole(world.browser, world.server, { viewport: CONSOLE_WIDE });
    world.closers.push(() => context.close());
    for (const tab of ['feed', 'changes', 'holds', 'travelers', 'conflicts', 'plant', 'devices', 'users']) {
      await page.locator(tid(`console-tab-${tab}`)).click();
      await page.waitForTimeout(300);
      await check(page, `console ${tab}`);
    }
  });
});
