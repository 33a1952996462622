import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONSOLE_WIDE, enrollTablet, openConsole, signInOperator, snap, tid, useE2eWorld } from './harness';

let consolePage: Page | undefined;
// The demo for its stations and its people (the list holds B1001); test/e2e/console-plant.test.ts starts from nothing.
const world = useE2eWorld(async () => {
  if (consolePage) await snap(consolePage, 'console-people-failed-1440');
});

describe('console Floor people panel (A2)', () => {
  it('[A2] the coordinator adds an operator with a PIN in the console; the operator signs in at the mill tablet with that badge and PIN', async () => {
    const coord = await openConsole(world.browser, world.server, { viewport: CONSOLE_WIDE });
    world.closers.push(() => coord.context.close());
    const page = coord.page;
    consolePage = page;
    await page.locator(tid('console-tab-users')).click();
    await page.locator(tid('people-table')).waitFor();
    await page.locator(`${tid('person-row')}[data-badge="B1001"]`).waitFor();
    await snap(page, 'console-people-1440');

    await page.locator(tid('person-name')).fill('Ines Duarte');
    await page.locator(tid('person-badge')).fill('B3001');
    await page.locator(tid('person-role')).selectOption('operator');
    await page.locator(`${tid('person-station')}[data-station-id="st-mill-1"]`).click();
    expect(await page.locator(`${tid('person-station')}[data-station-id="st-mill-1"]`).getAttribute('aria-pressed')).toBe('true');
    // A PIN anyone would guess is refused in words before anything is sent.
    await page.locator(tid('person-pin')).fill('1234');
    await page.locator(tid('person-pin-again')).fill('1234');
    await expect.poll(() => page.locator(tid('person-pin-problem')).textContent()).toContain('too easy to guess');
    expect(await page.locator(tid('person-create')).isDisabled()).toBe(true);
    await snap(page, 'console-people-weak-pin-1440');

    await page.locator(tid('person-pin')).fill('4071');
    await page.locator(tid('person-pin-again')).fill('4071');
    await page.locator(tid('person-create')).click();
    await expect
      .poll(() => page.locator(tid('person-result')).textContent())
      .toContain('Ines Duarte can sign in at the tablets of Haas VF-4 CNC Mill with badge B3001');
    const row = page.locator(`${tid('person-row')}[data-badge="B3001"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Operator.*Haas VF-4 CNC Mill.*Active.*PIN set/);
    // The PIN appears nowhere on the page.
    expect(await page.content()).not.toMatch(/(?<![0-9a-f])4071(?![0-9a-f])/i); // not as part of an id's hex

    const tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Mill tablet', ['st-mill-1']);
    world.closers.push(() => tablet.context.close());
    await signInOperator(tablet, { badge: 'B3001', pin: '4071', name: 'Ines Duarte' });

    // A new PIN from the console: the tablet hears the poke, and only the new PIN signs her in.
    await row.locator(tid('person-set-pin')).click();
    const editor = page.locator(`${tid('person-editor')}[data-badge="B3001"]`);
    await editor.locator(tid('person-pin-form')).waitFor();
    await editor.locator('input[type="password"]').nth(0).fill('5192');
    await editor.locator('input[type="password"]').nth(1).fill('5192');
    await snap(page, 'console-people-set-pin-1440');
    await editor.locator(tid('person-pin-save')).click();
    await expect.poll(() => page.locator(tid('people-result')).textContent()).toContain('New PIN set for Ines Duarte');
    await tablet.page.locator(tid('switch-user')).click();
    await tablet.page.locator(tid('signin-screen')).waitFor();
    await expect
      .poll(
        async () => {
          await tablet.page.locator(tid('signin-badge')).fill('B3001');
          for (const d of '4071') await tablet.page.locator(tid(`pin-key-${d}`)).click();
          await tablet.page.locator(tid('signin-submit')).click();
          return tablet.page.locator(tid('signin-error')).textContent({ timeout: 10_000 });
        },
        { timeout: 30_000 },
      )
      .toContain('Badge or PIN is wrong.');
    await signInOperator(tablet, { badge: 'B3001', pin: '5192', name: 'Ines Duarte' });

    // Change: she also works at the 5-axis now.
    await row.locator(tid('person-edit')).click();
    await editor.locator(tid('person-edit-form')).waitFor();
    await editor.locator(`${tid('edit-person-station')}[data-station-id="st-5axis-1"]`).click();
    await snap(page, 'console-people-edit-1440');
    await editor.locator(tid('person-edit-save')).click();
    await expect.poll(() => row.textContent()).toMatch(/Haas VF-4 CNC Mill, DMG Mori 5-Axis Mill/);

    // Disabled in the console after a confirm step: the tablet signs her out once it has synced.
    await row.locator(tid('person-toggle')).click();
    await row.locator(tid('person-disable-confirm')).click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await tablet.page.locator(tid('signin-screen')).waitFor({ timeout: 30_000 });
    await snap(page, 'console-people-after-1440');
    expect([...coord.errors, ...tablet.errors]).toEqual([]);
  }, 180_000);
});
