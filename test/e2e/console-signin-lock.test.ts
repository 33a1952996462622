import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newProfile, snap, tid, useE2eWorld } from './harness';

// X2 in the browser: a locked console sign-in says, in words, when to try again; and the whole
// flow runs under the server's Content-Security-Policy (X1) without a violation.

let page: Page | undefined;
const world = useE2eWorld(async () => {
  if (page) await snap(page, 'console-signin-lock');
});

describe('console sign-in lock', () => {
  it('[X2] after five wrong passwords the form says when to try again', async () => {
    const p = await newProfile(world.browser, world.server.url);
    world.closers.push(() => p.context.close());
    world.pageErrors.push(p.errors);
    page = p.page;
    const res = await page.goto('/console');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator(tid('console-username')).fill('coordinator');
    await page.locator(tid('console-password')).fill('not-the-password');
    const error = page.locator(tid('console-signin-error'));
    for (let i = 0; i < 4; i++) {
      await page.locator(tid('console-signin-submit')).click();
      await expect.poll(() => error.textContent()).toBe('Wrong username or password.');
      // Each answer replaces the last; wait for the form to be ready again.
      await page.locator(`${tid('console-signin-submit')}:not([disabled])`).waitFor();
    }
    await page.locator(tid('console-signin-submit')).click();
    await expect.poll(() => error.textContent()).toMatch(/^Too many failed sign-in attempts from here\. Try again at \d{2}:\d{2} \(in 1 minute\)\.$/);
  });

  it('no page threw an error or broke the Content-Security-Policy', () => {
    expect(world.pageErrors.flat()).toEqual([]);
  });
});
