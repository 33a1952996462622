import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, CODE_WORDS, KIND_WORDS } from '../../app/i18n';
import { card, enrollTablet, firstStartable, lastResult, snap, tid, type Operator, type Tablet, useE2eWorld } from './harness';

// L1 in the browser: a tablet switched to Spanish on its sign-in screen speaks Spanish on every
// screen, with no English catalogue sentence left on the page; a person whose language is Spanish
// gets Spanish when signing in, whatever the tablet spoke before.

const KOWALSKI: Operator = { badge: 'B1002', pin: '8642', name: 'Pete Kowalski' }; // st-lathe-1
const KOWALSKI_ID = 'u-op-kowalski';

/** The English sentences of the catalogues, long enough not to be a word Spanish shares ("Floorboard", "OK"). */
const ENGLISH = (() => {
  const out = new Set<string>();
  const add = (en: unknown, es: unknown) => {
    if (typeof en === 'string' && en.length > 12 && en !== es) out.add(en);
  };
  for (const [k, v] of Object.entries(CATALOGUES.en)) add(v, CATALOGUES.es[k as keyof typeof CATALOGUES.en]);
  for (const [k, v] of Object.entries(CODE_WORDS.en)) add(v, CODE_WORDS.es[k as keyof typeof CODE_WORDS.en]);
  for (const [map, words] of Object.entries(KIND_WORDS.en))
    for (const [k, v] of Object.entries(words)) add(v, (KIND_WORDS.es[map as keyof typeof KIND_WORDS.en] as Record<string, string>)[k]);
  return [...out];
})();

let tablet: Tablet;
const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'tablet-spanish');
});

async function englishOnPage(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: what the person sees, not hidden nodes' text
  const text = await page.evaluate(() => document.body.innerText);
  return ENGLISH.filter((s) => text.includes(s));
}

async function signIn(page: Page, op: Operator): Promise<void> {
  await page.locator(tid('signin-no-users')).waitFor({ state: 'detached' });
  await page.locator(tid('signin-badge')).fill(op.badge);
  for (const d of op.pin) await page.locator(tid(`pin-key-${d}`)).click();
  await page.locator(tid('signin-submit')).click();
  await page.locator(`${tid('station-user')}:has-text("${op.name}")`).waitFor();
}

describe('the tablet in Spanish (L1)', () => {
  it('[L1] switched to Español on the sign-in screen, sign-in, the station queue and the status screen speak Spanish only', async () => {
    expect(ENGLISH.length).toBeGreaterThan(100);
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Lathe tablet ES', ['st-lathe-1']);
    world.closers.push(() => tablet.context.close());
    world.pageErrors.push(tablet.errors);
    const { page } = tablet;

    // The default is English: the existing tests read English words.
    await page.locator('h1:has-text("Sign in")').waitFor();
    expect(await page.locator(tid('language-en')).getAttribute('aria-pressed')).toBe('true');
    const box = await page.locator(tid('language-es')).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await page.locator(tid('language-es')).click();
    await page.locator('h1:has-text("Iniciar sesión")').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.locator(tid('signin-no-users')).waitFor({ state: 'detached' });
    expect(await englishOnPage(page)).toEqual([]);

    // A wrong PIN says so in Spanish.
    await page.locator(tid('signin-badge')).fill(KOWALSKI.badge);
    for (const d of '0000') await page.locator(tid(`pin-key-${d}`)).click();
    await page.locator(tid('signin-submit')).click();
    await expect.poll(() => page.locator(tid('signin-error')).textContent()).toContain('El gafete o el PIN no son correctos.');
    expect(await englishOnPage(page)).toEqual([]);
    // A switch after the failure re-words it.
    await page.locator(tid('language-en')).click();
    await expect.poll(() => page.locator(tid('signin-error')).textContent()).toContain('Badge or PIN is wrong.');
    await page.locator(tid('language-es')).click();
    await expect.poll(() => page.locator(tid('signin-error')).textContent()).toContain('El gafete o el PIN no son correctos.');

    // Kowalski has no language of his own: the one picked here stays.
    await signIn(page, KOWALSKI);
    await page
      .locator(`${tid('queue-item')}`)
      .first()
      .waitFor();
    expect(await page.locator(tid('queue')).textContent()).toContain('Cola de trabajo');
    expect(await page.locator(tid('station-user')).textContent()).toContain('operario');
    expect(await englishOnPage(page)).toEqual([]);

    // An action's result, the pause reasons and the quantity form, in Spanish.
    const { operationId, woNumber } = await firstStartable(page);
    await card(page, operationId).locator(tid('op-start')).click();
    expect(await lastResult(page)).toContain(`Se inició ${woNumber}`);
    await card(page, operationId).locator(tid('op-pause')).click();
    await page.locator(tid('pause-reasons')).waitFor();
    expect(await page.locator(tid('pause-reasons')).textContent()).toContain('Descanso');
    expect(await englishOnPage(page)).toEqual([]);
    await page.locator(`${tid('pause-reason')}[data-reason="Break"]`).click();
    expect(await lastResult(page)).toContain(`Se pausó ${woNumber}`);
    await card(page, operationId).locator(tid('op-report')).click();
    await card(page, operationId).locator(tid('qty-form')).waitFor();
    await card(page, operationId).locator(tid('qty-scrap')).fill('1');
    expect(await card(page, operationId).locator(tid('qty-form')).textContent()).toContain('Motivo del desecho');
    await page.locator(tid('sync-problems-toggle')).click();
    await page.locator(tid('sync-problems')).waitFor();
    expect(await englishOnPage(page)).toEqual([]);
    await card(page, operationId).locator(tid('qty-cancel')).click();

    // The status screen.
    await page.locator(tid('sync-details-link')).click();
    await page.locator(tid('status-screen')).waitFor();
    await page.locator('h1:has-text("Sincronización y equipo")').waitFor();
    await page
      .locator(`${tid('outbox-row')}`)
      .first()
      .waitFor({ state: 'detached' });
    expect(await englishOnPage(page)).toEqual([]);
    await page.locator(tid('status-back')).click();
    await page.locator(tid('station-screen')).waitFor();

    // Switching user: the sign-in screen keeps Spanish until the next person signs in.
    await page.locator(tid('switch-user')).click();
    await page.locator('h1:has-text("Iniciar sesión")').waitFor();
    expect(await englishOnPage(page)).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });

  it('[L1] a person whose language is Spanish gets Spanish on sign-in, on a tablet left in English', async () => {
    const { page } = tablet;
    await page.locator(tid('language-en')).click();
    await page.locator('h1:has-text("Sign in")').waitFor();
    // The check sees English when there is some: it can fail.
    expect((await englishOnPage(page)).length).toBeGreaterThan(0);
    // The person's record on this tablet says Spanish (the console's editing of it is another change).
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('floorboard');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const store = db.transaction('users', 'readwrite').objectStore('users');
            const get = store.get(id);
            get.onsuccess = () => {
              const put = store.put({ ...get.result, language: 'es' });
              put.onsuccess = () => {
                db.close();
                resolve();
              };
              put.onerror = () => reject(put.error);
            };
            get.onerror = () => reject(get.error);
          };
        }),
      KOWALSKI_ID,
    );
    // A fresh page in English: Spanish is a lazy chunk not yet loaded, so the sign-in fetches it.
    await page.reload();
    await page.locator('h1:has-text("Sign in")').waitFor();
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/es-all-')))).toBe(false);
    // The station's first frame, caught as it mounts: already Spanish, never English first.
    await page.evaluate(() => {
      const w = window as unknown as { firstStation?: string };
      const mo = new MutationObserver(() => {
        const el = document.querySelector('[data-testid="station-screen"]');
        if (!el) return;
        // biome-ignore lint/performance/useDomNodeTextContent: what the person sees
        w.firstStation = (el as HTMLElement).innerText;
        mo.disconnect();
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    await signIn(page, KOWALSKI);
    const first = await page.evaluate(() => (window as unknown as { firstStation?: string }).firstStation ?? '');
    expect(first).toContain('Cambiar de usuario');
    expect(ENGLISH.filter((e) => first.includes(e))).toEqual([]);
    await page.locator(tid('switch-user')).filter({ hasText: 'Cambiar de usuario' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await englishOnPage(page)).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });
});
