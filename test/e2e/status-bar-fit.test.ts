import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enrollTablet, firstStartable, signInOperator, snap, startOperation, type Tablet, tid, useE2eWorld } from './harness';

// L3: at 800 px the status bar's pills and buttons and the queue search say their words whole, in
// English and in Spanish, online, offline with changes waiting, and with a sync problem: a word
// cut behind an ellipsis ("Todos los cambi…", "2…") is a defect, not a layout.

const KOWALSKI = { badge: 'B1002', pin: '8642', name: 'Pete Kowalski' }; // st-lathe-1
const SIZES = [
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
];

let tablet: Tablet | undefined;
const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'status-bar-fit-failed');
});

/** What is cut: bar controls whose text overflows or that leave the screen, and a placeholder wider than its field. */
function cut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const ids = ['sync-online', 'sync-pending', 'sync-error', 'sync-now', 'sync-problems-toggle', 'sync-details-link'];
    for (const id of ids) {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!el) continue;
      const box = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${id}: its words overflow (${el.scrollWidth} > ${el.clientWidth})`);
      if (box.right > window.innerWidth) out.push(`${id}: off screen at ${Math.round(box.right)} px`);
    }
    const input = document.querySelector<HTMLInputElement>('[data-testid="queue-search"]');
    if (input) {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const need = ctx.measureText(input.placeholder).width;
      if (need > room) out.push(`queue-search: placeholder "${input.placeholder}" needs ${Math.round(need)} px of ${Math.round(room)}`);
    }
    return out;
  });
}

async function everySize(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `.tmp/e2e/status-bar-fit-${state}-${size.width}x${size.height}.png`, clip: { x: 0, y: 0, width: size.width, height: 160 } });
    for (const c of await cut(page)) found.push(`${state} at ${size.width}×${size.height}: ${c}`);
  }
  return found;
}

describe('[L3] the status bar and the queue search fit at 800 px in both languages', () => {
  it('online, offline with changes waiting, and with a sync problem, in English then in Spanish, nothing is cut', async () => {
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Lathe tablet fit', ['st-lathe-1']);
    world.closers.push(() => tablet!.context.close());
    world.pageErrors.push(tablet.errors);
    const { page, context } = tablet;
    const found: string[] = [];
    for (const lang of ['en', 'es'] as const) {
      if (lang === 'es') {
        await page.locator(tid('switch-user')).click();
        await page.locator(tid('signin-screen')).waitFor();
        await page.locator(tid('language-es')).click();
        await page.locator('h1:has-text("Iniciar sesión")').waitFor();
        await page.locator(tid('signin-no-users')).waitFor({ state: 'detached' });
        await page.locator(tid('signin-badge')).fill(KOWALSKI.badge);
        for (const d of KOWALSKI.pin) await page.locator(tid(`pin-key-${d}`)).click();
        await page.locator(tid('signin-submit')).click();
        await page.locator(`${tid('station-user')}:has-text("${KOWALSKI.name}")`).waitFor();
      } else {
        await signInOperator(tablet, KOWALSKI);
      }
      await page.locator(tid('queue-item')).first().waitFor();
      await page.locator(`${tid('sync-pending')}[data-count="0"]`).waitFor();
      found.push(...(await everySize(page, `${lang}-online`)));

      // Offline, two changes waiting.
      await context.setOffline(true);
      for (let i = 0; i < 2; i++) {
        const { operationId } = await firstStartable(page);
        await startOperation(page, operationId);
      }
      await page.locator(`${tid('sync-pending')}[data-count="2"]`).waitFor();
      found.push(...(await everySize(page, `${lang}-offline`)));
      await context.setOffline(false);
      await page.locator(`${tid('sync-pending')}[data-count="0"]`).waitFor({ timeout: 30_000 });

      // The server fails every pull: the bar says there is a problem.
      await context.route('**/api/sync/pull**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable"}' }));
      await page.locator(tid('sync-now')).click();
      await page.locator(tid('sync-error')).waitFor();
      found.push(...(await everySize(page, `${lang}-problem`)));
      await context.unroute('**/api/sync/pull**');
      await page.locator(tid('sync-now')).click();
      await page.locator(tid('sync-error')).waitFor({ state: 'detached' });
    }
    expect(found).toEqual([]);
    expect(tablet.errors).toEqual([]);
  }, 180_000);
});
