import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, snap, startServer, tid, type RunningServer } from './harness';
import type { Browser } from 'playwright-core';

const PASSWORD = 'planner-password-1';

/** Signs a fresh profile (1440×900 unless `viewport` says otherwise) in to the console as `username`. */
async function consoleAs(browser: Browser, server: RunningServer, username: string, password: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ baseURL: server.url, viewport });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/console');
  await page.locator(tid('console-username')).fill(username);
  await page.locator(tid('console-password')).fill(password);
  await page.locator(tid('console-signin-submit')).click();
  await page.locator(tid('console-screen')).waitFor();
  return { context, page, errors };
}

/**
 * The set-password editor of `username` reads as part of that user's row: a row of its own right
 * under it, as wide as it, its label shown, nothing sticking out of the table or the page.
 */
async function expectEditorInRow(page: Page, username: string): Promise<void> {
  const m = await page.evaluate((name) => {
    const box = (el: Element | null) => el!.getBoundingClientRect();
    const row = document.querySelector(`[data-testid="user-row"][data-username="${name}"]`);
    const editor = document.querySelector(`[data-testid="user-editor"][data-username="${name}"]`);
    const table = box(document.querySelector('[data-testid="users-table"]'));
    const parts = [...editor!.querySelectorAll('label, input:not([hidden]), button')].map(box);
    return {
      formInRow: Boolean(row!.querySelector('[data-testid="user-password-form"]')),
      formInEditor: Boolean(editor!.querySelector('[data-testid="user-password-form"]')),
      gap: box(editor).top - box(row).bottom,
      left: box(editor).left - box(row).left,
      width: box(editor).width - box(row).width,
      label: editor!.querySelector('label')!.textContent,
      labelWidth: box(editor!.querySelector('label')).width,
      outsideTable: parts.filter((r) => r.left < table.left || r.right > table.right).length,
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  }, username);
  expect(m).toMatchObject({ formInRow: false, formInEditor: true, left: 0, width: 0, outsideTable: 0 });
  expect(Math.abs(m.gap)).toBeLessThanOrEqual(1);
  expect(m.label).toMatch(/^New password for /);
  expect(m.labelWidth).toBeGreaterThan(100);
  expect(m.pageOverflow).toBeLessThanOrEqual(0);
}

describe('console Users panel (A3)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.dispose();
  });

  it('[A3] a coordinator adds a planner in the console, who then signs in with that password', async () => {
    const coord = await consoleAs(browser, server, 'coordinator', ADMIN_PASSWORD);
    contexts.push(coord.context);
    const page: Page = coord.page;
    await page.locator(tid('console-tab-users')).click();
    await page.locator(tid('users-table')).waitFor();
    await page.locator(`${tid('user-row')}[data-username="coordinator"]`).waitFor();

    // The rules are the server's: a short password is refused in words and nothing is added.
    await page.locator(tid('user-name')).fill('Pat Planner');
    await page.locator(tid('user-username')).fill('pat');
    await page.locator(tid('user-role')).selectOption('planner');
    await page.locator(tid('user-password')).fill('short');
    await page.locator(tid('user-create')).click();
    await expect.poll(() => page.locator(tid('user-result')).textContent()).toBe('A password needs at least 12 characters.');

    await page.locator(tid('user-password')).fill(PASSWORD);
    await page.locator(tid('user-create')).click();
    await expect.poll(() => page.locator(tid('user-result')).textContent()).toBe('Pat Planner can now sign in to the console as pat.');
    const row = page.locator(`${tid('user-row')}[data-username="pat"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Planner');
    await snap(page, 'console-users-1440');

    const pat = await consoleAs(browser, server, 'pat', PASSWORD);
    contexts.push(pat.context);
    expect(await pat.page.locator(tid('console-user')).textContent()).toBe('Pat Planner');
    // A planner manages only their own password: no user list, no add form.
    await pat.page.locator(tid('console-tab-users')).click();
    await pat.page.locator(tid('own-password-form')).waitFor();
    expect(await pat.page.locator(tid('users-table')).count()).toBe(0);
    expect(await pat.page.locator(tid('user-form')).count()).toBe(0);
    await snap(pat.page, 'console-users-planner-1440');

    // pat changes their own password with the old one; this session stays signed in.
    await pat.page.locator(tid('own-current')).fill(PASSWORD);
    await pat.page.locator(tid('own-new')).fill('planner-password-3');
    await pat.page.locator(tid('own-again')).fill('planner-password-3');
    await pat.page.locator(tid('own-password-save')).click();
    await expect.poll(() => pat.page.locator(tid('own-password-result')).textContent()).toBe('Password changed. Your sessions in other browsers have ended.');
    expect((await pat.page.request.get('/api/session')).status()).toBe(200);

    // On the console's narrowest screen the editor stays with pat's row too.
    const narrow = await consoleAs(browser, server, 'coordinator', ADMIN_PASSWORD, { width: 1280, height: 800 });
    contexts.push(narrow.context);
    await narrow.page.locator(tid('console-tab-users')).click();
    await narrow.page
      .locator(`${tid('user-row')}[data-username="pat"]`)
      .locator(tid('user-set-password'))
      .click();
    await narrow.page
      .locator(`${tid('user-editor')}[data-username="pat"]`)
      .locator(tid('user-new-password'))
      .fill('planner-password-2');
    await expectEditorInRow(narrow.page, 'pat');
    await narrow.page.screenshot({ path: '.tmp/e2e/console-users-set-password-1280x800.png' });
    await narrow.context.close();

    // A new password from the coordinator ends pat's session; pat signs in with the new one.
    await row.locator(tid('user-set-password')).click();
    const editor = page.locator(`${tid('user-editor')}[data-username="pat"]`);
    await editor.locator(tid('user-new-password')).fill('planner-password-2');
    await expectEditorInRow(page, 'pat');
    await snap(page, 'console-users-set-password-1440');
    await editor.locator(tid('user-password-save')).click();
    await expect.poll(() => page.locator(tid('users-result')).textContent()).toBe('New password set for Pat Planner; their other sessions ended.');
    await editor.waitFor({ state: 'detached' });
    expect((await pat.page.request.get('/api/session')).status()).toBe(401);
    const again = await consoleAs(browser, server, 'pat', 'planner-password-2');
    contexts.push(again.context);

    // Disabling pat from the coordinator's console ends pat's session at its next request.
    await row.locator(tid('user-toggle')).click();
    await row.locator(tid('user-disable-confirm')).click();
    await page.locator(`${tid('user-row')}[data-username="pat"][data-active="false"]`).waitFor();
    expect((await again.page.request.get('/api/session')).status()).toBe(401);

    // A4: each act is in the audit trail, and the live feed says it in words.
    await page.locator(tid('console-tab-feed')).click();
    const added = page.locator(`${tid('feed-entry')}[data-mutation="createUser"]`);
    await added.waitFor();
    expect(await added.locator(tid('feed-what')).textContent()).toBe('Added console user pat');
    expect(await added.locator(tid('feed-who')).textContent()).toBe('Production Coordinator');
    await page.locator(`${tid('feed-entry')}[data-mutation="disableUser"]`).waitFor();
    expect([...coord.errors, ...narrow.errors, ...pat.errors, ...again.errors]).toEqual([]);
  }, 120_000);
});
