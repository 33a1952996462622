import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../app/i18n';
import { CONSOLE_WIDE, newProfile, snap, tid, useE2eWorld } from './harness';

const PASSWORD = 'rosa-coordinator-1';
let consolePage: Page | undefined;
const world = useE2eWorld(async () => {
  if (consolePage) await snap(consolePage, 'console-spanish-failed-1440');
});

/** The English console messages a Spanish screen must not show: the plain ones over ~12 characters that Spanish words differently. */
const ENGLISH = Object.entries(CATALOGUES.en)
  .filter(([k, v]) => k.startsWith('console.') && typeof v === 'string' && v.length > 12 && CATALOGUES.es[k as keyof typeof CATALOGUES.es] !== v)
  .map(([, v]) => v as string);

/** What the page shows once its lists have loaded. */
async function shown(page: Page): Promise<string> {
  await page.locator(tid('list-loading')).first().waitFor({ state: 'detached' });
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden options or templates
  return page.evaluate(() => document.body.innerText);
}

function expectNoEnglish(text: string, where: string) {
  const left = ENGLISH.filter((words) => text.includes(words));
  expect(left, where).toEqual([]);
}

describe('[L1] the console in its signed-in user’s language', () => {
  it('[L1] a coordinator whose language is Spanish sees every console panel in Spanish; the sign-in form has a language switch', async () => {
    expect(ENGLISH.length).toBeGreaterThan(100);
    const res = await fetch(`${world.server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: world.cookie },
      body: JSON.stringify({ username: 'rosa', name: 'Rosa Ruiz', role: 'coordinator', password: PASSWORD, language: 'es' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const { context, page, errors } = await newProfile(world.browser, world.server.url, CONSOLE_WIDE);
    world.closers.push(() => context.close());
    consolePage = page;
    await page.goto('/console');
    // The switch on the sign-in form: Spanish at once, and back.
    await page.locator(tid('console-signin')).waitFor();
    expect(await page.locator('h1').textContent()).toBe('Console sign-in');
    await page.locator(tid('console-language')).selectOption('es');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Acceso a la consola');
    expect(await page.locator('label[for="console-username"]').textContent()).toBe('Usuario');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await snap(page, 'console-spanish-signin-1440');
    await page.locator(tid('console-language')).selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Console sign-in');

    // Signed in in English, the console then speaks Rosa's language.
    await page.locator(tid('console-username')).fill('rosa');
    await page.locator(tid('console-password')).fill(PASSWORD);
    await page.locator(tid('console-signin-submit')).click();
    await page.locator(tid('console-screen')).waitFor();
    await expect.poll(() => page.locator(tid('console-tab-feed')).textContent()).toBe('Actividad en directo');
    expect(await page.locator(tid('console-signout')).textContent()).toContain('Cerrar sesión');

    const panels: [tab: string, panel: string, spanish: string[]][] = [
      ['feed', 'feed-panel', ['Verificar la cadena de auditoría', 'Exportar la auditoría']],
      ['changes', 'changes-panel', ['Publicar un cambio de planificación', 'Los operarios deben confirmar la lectura']],
      ['holds', 'holds-panel', ['Poner una retención', 'Retenciones abiertas', 'Calidad']],
      ['conflicts', 'conflicts-panel', ['Bandeja de conflictos', 'Resueltos']],
      ['plant', 'plant-panel', ['Departamentos y puestos', 'Motivos', 'Turnos', 'Parada no planificada']],
      ['devices', 'devices-panel', ['Dar de alta una tableta', 'Crear el código de alta']],
      ['users', 'users-panel', ['Personal de planta', 'Usuarios de la consola', 'Cambiar mi contraseña', 'Idioma']],
    ];
    for (const [tab, panel, spanish] of panels) {
      await page.locator(tid(`console-tab-${tab}`)).click();
      await page.locator(tid(panel)).waitFor();
      if (tab === 'users') await page.locator(`${tid('person-row')}[data-badge="B1001"]`).waitFor();
      const text = await shown(page);
      for (const words of spanish) expect(text, `${tab}: ${words}`).toContain(words);
      expectNoEnglish(text, tab);
      await snap(page, `console-spanish-${tab}-1440`);
    }

    // A hold placed from the Spanish console reads in Spanish in the feed, with its job (L1).
    await page.locator(tid('console-tab-holds')).click();
    const wo = await page.locator(`${tid('hold-wo')} option`).evaluateAll((os) => (os as HTMLOptionElement[]).find((o) => o.value !== '')?.value ?? '');
    expect(wo).not.toBe('');
    await page.locator(tid('hold-wo')).selectOption(wo);
    await page.locator(`${tid('hold-kind')}[data-kind="quality"]`).click();
    await page.locator(tid('hold-reason')).fill('Rebaba en la cara');
    await page.locator(tid('hold-submit')).click();
    await page.locator(tid('hold-result')).waitFor();
    await page.locator(tid('console-tab-feed')).click();
    const line = page.locator(`${tid('feed-entry')}[data-mutation="placeHold"] ${tid('feed-what')}`);
    await expect.poll(() => line.first().textContent(), { timeout: 30_000 }).toMatch(/^puso una retención por calidad: Rebaba en la cara — WO-\d+/);
    await page.locator(tid('console-tab-users')).click();
    await page.locator(`${tid('person-row')}[data-badge="B1001"]`).waitFor();

    // A person's language is set in their row's editor with a 48 px select; the server keeps it.
    const linh = page.locator(`${tid('person-row')}[data-badge="B1001"]`);
    expect(await linh.locator(tid('person-language-name')).textContent()).toBe('inglés');
    await linh.locator(tid('person-edit')).click();
    const editor = page.locator(`${tid('person-editor')}[data-badge="B1001"]`);
    const select = editor.locator(tid('edit-person-language'));
    expect((await select.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await select.selectOption('es');
    await editor.locator(tid('person-edit-save')).click();
    await expect.poll(() => page.locator(tid('people-result')).textContent()).toMatch(/verá las tabletas en español/);
    await expect.poll(() => linh.getAttribute('data-language')).toBe('es');
    expect(await linh.locator(tid('person-language-name')).textContent()).toBe('español');
    const people = (await (await fetch(`${world.server.url}/api/people`, { headers: { cookie: world.cookie } })).json()) as {
      people: { badge: string; language?: string }[];
    };
    expect(people.people.find((p) => p.badge === 'B1001')?.language).toBe('es');

    // Her own row: back to English, and the console follows at once.
    const own = page.locator(`${tid('user-row')}[data-username="rosa"]`).locator(tid('user-row-language'));
    expect((await own.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await own.selectOption('en');
    await expect.poll(() => page.locator(tid('console-tab-feed')).textContent()).toBe('Live feed');
    expect(await page.locator(tid('users-result')).textContent()).toBe('Your console speaks English from now on.');
    expect(errors).toEqual([]);
  }, 180_000);
});
