import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeGroups } from '../../server/seed/write';
import { createSqliteStore } from '../../server/store/sqlite';
import {
  CONSOLE_NARROW,
  CONSOLE_WIDE,
  card,
  enrollWithCode,
  lastResult,
  openConsole,
  serverRecords,
  signInOperator,
  snap,
  tid,
  type RunningServer,
  useE2eWorld,
} from './harness';

/**
 * Work orders come from the ERP (I1), which has no route yet: with the server stopped, one work
 * order with one operation at the station is written into its file as the seed writes records
 * (with a `system` audit link), then the server starts again.
 */
async function importOneWorkOrder(server: RunningServer, stationId: string): Promise<void> {
  await server.stop();
  const store = await createSqliteStore({ file: join(server.dataDir, 'floorboard.sqlite') });
  const now = new Date().toISOString();
  const due = new Date(Date.now() + 86_400_000).toISOString();
  await store.transaction((tx) =>
    writeGroups(
      tx,
      [
        [
          {
            entity: 'workOrders',
            value: {
              id: 'wo-first',
              number: 'WO-1',
              partNumber: 'BR-100',
              description: 'Mounting bracket',
              revision: 'A',
              quantity: 20,
              dueAt: due,
              priority: 1,
              status: 'released',
              operationCount: 1,
              stationIds: [stationId],
            },
          },
          {
            entity: 'operations',
            value: {
              id: 'op-first',
              workOrderId: 'wo-first',
              seq: 10,
              stationId,
              name: 'Mill faces',
              idealCycleSeconds: 120,
              status: 'pending',
              good: 0,
              scrap: 0,
              lastChange: null,
            },
          },
        ],
      ],
      now,
    ),
  );
  await store.close();
  await server.restart();
}

let consolePage: Page | undefined;
// An empty plant, as `npm start` leaves it; on SQLite, whose file importOneWorkOrder writes.
const world = useE2eWorld(
  async () => {
    if (consolePage) await snap(consolePage, 'console-plant-failed-1440');
  },
  { seed: 'none', store: 'sqlite' },
);

describe('console Plant tab on an empty plant (npm start, no demo)', () => {
  it('a list whose load failed says why and offers Try again, never "No … yet" as if the plant were empty', async () => {
    const { browser, server } = world;
    const coord = await openConsole(browser, server, { viewport: CONSOLE_NARROW });
    world.closers.push(() => coord.context.close());
    const page = coord.page;
    consolePage = page;
    // The UI's handling of a failed GET: the connection refused, then a 503, as a proxy answers for a server that is down.
    let down = true;
    await page.route('**/api/plant', (route) => (down ? route.abort('connectionrefused') : route.fallback()));
    await page.route('**/api/people', (route) =>
      down ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }) : route.fallback(),
    );
    const noneYet = /No [a-z ]+ yet/;

    await page.locator(tid('console-tab-plant')).click();
    const stations = page.locator(tid('plant-stations'));
    await stations.locator(tid('list-failed')).waitFor();
    expect(await stations.locator(tid('list-failed')).textContent()).toBe(
      'Could not load the departments and stations: the server did not answer. Nothing is lost.Try again',
    );
    expect(await page.locator(tid('plant-reasons')).locator(tid('list-failed')).textContent()).toContain(
      'Could not load the reasons: the server did not answer. Nothing is lost.',
    );
    expect(await page.locator(tid('plant-shifts')).locator(tid('list-failed')).textContent()).toContain(
      'Could not load the shifts: the server did not answer. Nothing is lost.',
    );
    expect(await page.locator(tid('plant-panel')).textContent()).not.toMatch(noneYet);
    await snap(page, 'console-plant-load-failed-1280');

    down = false;
    await stations.locator(tid('list-retry')).click();
    // One GET answers every plant list: all three now say what an empty plant is.
    await stations.getByText('No departments yet.', { exact: false }).waitFor();
    await page.locator(tid('plant-shifts')).getByText('No shifts yet.').waitFor();
    expect(await page.locator(tid('plant-panel')).locator(tid('list-failed')).count()).toBe(0);

    down = true;
    await page.locator(tid('console-tab-users')).click();
    const people = page.locator(tid('people-table'));
    await people.locator(tid('list-failed')).waitFor();
    expect(await people.locator(tid('list-failed')).textContent()).toBe(
      'Could not load the operators and leads: the server could not answer just now. Nothing is lost.Try again',
    );
    expect(await people.textContent()).not.toMatch(noneYet);
    down = false;
    await people.locator(tid('list-retry')).click();
    await people.getByText('No operators or leads yet.', { exact: false }).waitFor();

    // The devices list too: a plant with no tablets yet must not read as one whose list failed.
    down = true;
    await page.route('**/api/devices', (route) =>
      down && route.request().method() === 'GET' ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }) : route.fallback(),
    );
    await page.locator(tid('console-tab-devices')).click();
    const devices = page.locator(tid('devices-table'));
    await page.locator(tid('devices-reload')).click();
    await devices.locator(tid('list-failed')).waitFor();
    expect(await devices.locator(tid('list-failed')).textContent()).toBe(
      'Could not load the devices: the server could not answer just now. Nothing is lost.Try again',
    );
    expect(await devices.textContent()).not.toMatch(noneYet);
    down = false;
    await devices.locator(tid('list-retry')).click();
    await devices.getByText('No devices yet.').waitFor();
    expect(coord.errors).toEqual([]);
  }, 120_000);

  it('the coordinator defines a department, a station and a scrap reason, adds an operator there, enrolls its tablet; the operator reports 1 scrap with that reason; reasons changed later reach the open tablet', async () => {
    const { browser, server } = world;
    const coord = await openConsole(browser, server, { viewport: CONSOLE_WIDE });
    world.closers.push(() => coord.context.close());
    const page = coord.page;
    consolePage = page;
    await page.locator(tid('console-tab-plant')).click();
    await page.locator(tid('plant-panel')).waitFor();
    await snap(page, 'console-plant-empty-1440');

    await page.locator(tid('department-name')).fill('Machining');
    await page.locator(tid('department-create')).click();
    await expect.poll(() => page.locator(tid('station-result')).textContent()).toContain('The department Machining is added');
    await page.locator(tid('department-block')).first().waitFor();

    await page.locator(tid('station-name')).fill('CNC Mill 1');
    await page.locator(tid('station-line')).fill('Cell A');
    await page.locator(tid('station-create')).click();
    await expect.poll(() => page.locator(tid('station-result')).textContent()).toContain('The station CNC Mill 1 is added');
    const stationRow = page.locator(tid('station-row')).first();
    await stationRow.waitFor();
    const stationId = (await stationRow.getAttribute('data-station-id'))!;
    expect(stationId).toMatch(/^st-/);

    await page.locator(`${tid('reason-kind')}[data-kind="scrap"]`).click();
    expect(await page.locator(`${tid('reason-kind')}[data-kind="scrap"]`).getAttribute('aria-pressed')).toBe('true');
    await page.locator(tid('reason-code')).fill('BURR');
    await page.locator(tid('reason-label')).fill('Burrs on the edges');
    await page.locator(tid('reason-create')).click();
    await expect.poll(() => page.locator(tid('reason-result')).textContent()).toContain('Scrap reason BURR (Burrs on the edges) is added');
    await page.locator(`${tid('reason-row')}[data-code="BURR"]`).waitFor();

    // A night shift crosses midnight; the form says so before it is sent.
    await page.locator(tid('shift-name')).fill('Night');
    await page.locator(tid('shift-start')).fill('22:00');
    await page.locator(tid('shift-end')).fill('06:00');
    await page.locator(tid('shift-breaks')).fill('45');
    await expect.poll(() => page.locator(tid('plant-shifts')).textContent()).toContain('8 hr, crossing midnight');
    await page.locator(tid('shift-create')).click();
    await expect.poll(() => page.locator(`${tid('shift-row')}[data-name="Night"]`).textContent()).toContain('22:00–06:00 (8 hr, crosses midnight)');
    await snap(page, 'console-plant-1440');

    await importOneWorkOrder(server, stationId);

    // Users: the operator works at the new station.
    await page.locator(tid('console-tab-users')).click();
    await page.locator(tid('people-table')).waitFor();
    await page.locator(tid('person-name')).fill('Ines Duarte');
    await page.locator(tid('person-badge')).fill('B3001');
    await page.locator(`${tid('person-station')}[data-station-id="${stationId}"]`).click();
    await page.locator(tid('person-pin')).fill('4071');
    await page.locator(tid('person-pin-again')).fill('4071');
    await page.locator(tid('person-create')).click();
    await expect.poll(() => page.locator(tid('person-result')).textContent()).toContain('Ines Duarte can sign in at the tablets of CNC Mill 1');

    // Devices: the tablet for the station, enrolled with the code the console shows.
    await page.locator(tid('console-tab-devices')).click();
    await page.locator(tid('device-name')).fill('Mill tablet');
    await page.locator(`${tid('device-station')}[data-station-id="${stationId}"]`).click();
    await page.locator(tid('device-create')).click();
    const code = ((await page.locator(tid('device-enrollment-code')).textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThanOrEqual(8);
    const tablet = await enrollWithCode(browser, server, code, 'Mill tablet');
    world.closers.push(() => tablet.context.close());
    await signInOperator(tablet, { badge: 'B3001', pin: '4071', name: 'Ines Duarte' });

    // 1 scrap with the reason made in the console.
    const op = card(tablet.page, 'op-first');
    await op.waitFor();
    await op.locator(tid('op-report')).click();
    const form = op.locator(tid('qty-form'));
    await form.locator(tid('qty-good')).fill('0');
    await form.locator(tid('qty-scrap')).fill('1');
    const reason = form.locator(`${tid('qty-scrap-reason')}[data-code="BURR"]`);
    expect(await reason.textContent()).toBe('Burrs on the edges');
    await reason.click();
    await snap(tablet.page, 'tablet-first-scrap');
    await form.locator(tid('qty-submit')).click();
    await lastResult(tablet.page);
    await expect
      .poll(async () => (await serverRecords(server, 'quantityReports')).map((r) => r.value), { timeout: 30_000 })
      .toEqual([expect.objectContaining({ operationId: 'op-first', good: 0, scrap: 1, scrapReason: 'BURR', stationId })]);

    // Live: a reason added and one retired in the console reach the open tablet (poke, pull) without a reload.
    await page.locator(tid('console-tab-plant')).click();
    await page.locator(`${tid('reason-kind')}[data-kind="scrap"]`).click();
    await page.locator(tid('reason-code')).fill('CRACK');
    await page.locator(tid('reason-label')).fill('Cracked part');
    await page.locator(tid('reason-create')).click();
    // Its words change in the editor under its row, as a station's or a shift's do.
    const crack = page.locator(`${tid('reason-row')}[data-code="CRACK"]`);
    await crack.locator(tid('reason-edit')).click();
    expect(await crack.locator(tid('reason-edit')).getAttribute('aria-expanded')).toBe('true');
    const crackEditor = page.locator(`${tid('reason-editor')}[data-code="CRACK"]`);
    await crackEditor.locator(tid('reason-edit-label')).fill('Cracked casting');
    await crackEditor.locator(tid('reason-edit-save')).click();
    await expect.poll(() => page.locator(tid('reasons-result')).textContent()).toContain('CRACK now reads “Cracked casting”.');
    await crackEditor.waitFor({ state: 'detached' });
    expect(await crack.textContent()).toContain('Cracked casting');
    const burr = page.locator(`${tid('reason-row')}[data-code="BURR"]`);
    await burr.locator(tid('reason-retire-ask')).click();
    await burr.locator(tid('reason-retire-confirm')).click();
    await expect.poll(() => burr.getAttribute('data-retired')).toBe('true');
    await op.locator(tid('op-report')).click();
    await form.locator(tid('qty-scrap')).fill('1');
    await expect
      .poll(async () => form.locator(tid('qty-scrap-reason')).evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), { timeout: 30_000 })
      .toEqual(['CRACK']);
    // Retired by mistake: Restore puts it back, and the open tablet offers it again.
    await burr.locator(tid('reason-restore')).click();
    await expect.poll(() => burr.getAttribute('data-retired')).toBe('false');
    expect(await page.locator(tid('reasons-result')).textContent()).toContain('BURR is offered again');
    await expect
      .poll(async () => form.locator(tid('qty-scrap-reason')).evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort()), { timeout: 30_000 })
      .toEqual(['BURR', 'CRACK']);

    // The station is in use now: retiring it is refused, and the console says by what.
    const row = page.locator(`${tid('station-row')}[data-station-id="${stationId}"]`);
    await row.locator(tid('station-retire-ask')).click();
    await row.locator(tid('station-retire-confirm')).click();
    await expect
      .poll(() => page.locator(tid('stations-result')).textContent())
      .toMatch(/not retired\. CNC Mill 1 is still used by the device Mill tablet; the person Ines Duarte; the open operation WO-1 op 10/);
    expect(await row.getAttribute('data-retired')).toBe('false');
    await snap(page, 'console-plant-retire-refused-1440');
    expect([...coord.errors, ...tablet.errors]).toEqual([]);
  }, 240_000);
});
