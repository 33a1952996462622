import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  enrollTablet,
  firstStartable,
  serverAudit,
  serverRecords,
  signInOperator,
  snap,
  tid,
  type Tablet,
  UI_TIMEOUT,
  useE2eWorld,
  waitForOfflineShell,
} from './harness';

// A new Mill tablet on the demo plant, as its first operator meets it: enroll, sign in, the
// document packet downloads (T3), a wedge scan of a printed traveler opens the job (§9), its
// drawing opens with the network gone, and the start records the revision on screen (T4).

const NGUYEN = { badge: 'B1001', pin: '1357', name: 'Linh Nguyen' }; // st-mill-1, st-5axis-1
const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1280, height: 800 };

let tablet: Tablet | undefined;
const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'station-flow-failed');
});

/** Non-white pixels of the viewer's canvas, read back from the canvas itself. */
function inkedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="doc-canvas"]')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) inked++;
    return inked;
  });
}

/** Width and height of the scan button on screen: a gloved thumb needs 48 px at least (DESIGN 12). */
async function scanButtonBox(page: Page): Promise<{ width: number; height: number }> {
  const box = (await page.locator(`main ${tid('scan-button')}`).boundingBox())!;
  return { width: box.width, height: box.height };
}

describe('a new Mill tablet, from enrollment to a started job', () => {
  it('[T3][T4][§9] enroll, sign in, the packet downloads, a wedge scan opens the job, its drawing opens offline, the start carries the traveler revision', async () => {
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Mill tablet', ['st-mill-1']);
    world.closers.push(() => tablet!.context.close());
    world.pageErrors.push(tablet.errors);
    const { page, context } = tablet;
    await page.setViewportSize(PORTRAIT);
    await signInOperator(tablet, NGUYEN);
    await waitForOfflineShell(page);

    // The station shows the camera's Scan button beside the queue search.
    expect(Math.min(...Object.values(await scanButtonBox(page)))).toBeGreaterThanOrEqual(48);
    await page.locator(tid('queue-item')).first().waitFor();
    await snap(page, 'station-flow-queue-800x1280');
    await page.setViewportSize(LANDSCAPE);
    await snap(page, 'station-flow-queue-1280x800');
    await page.setViewportSize(PORTRAIT);

    // The status screen shows the document packet; wait until every file is on the tablet.
    await page.locator(tid('sync-details-link')).click();
    await page.locator(tid('status-screen')).waitFor();
    await page.locator(`${tid('packet-note')}:has-text("Every document is on this tablet.")`).waitFor({ timeout: 2 * UI_TIMEOUT });
    const files =
      (await page
        .locator(`${tid('packet-status')} dt`)
        .first()
        .textContent()) ?? '';
    const [, done, total] = /^(\d+) of (\d+) files$/.exec(files) ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(done).toBe(total);
    await page.locator(tid('status-back')).click();
    await page.locator(tid('station-screen')).waitFor();

    // The printed traveler of the first job ready at the Mill: its work order from the card, its
    // sequence and released revision as the office printed them.
    const { operationId, woNumber } = await firstStartable(page);
    const op = (await serverRecords(world.server, 'operations')).find((r) => r.id === operationId)!.value as {
      seq: number;
      workOrderId: string;
      stationId: string;
    };
    expect(op.stationId).toBe('st-mill-1');
    const traveler = (await serverRecords(world.server, 'travelers'))
      .map((r) => r.value as { workOrderId: string; status: string; revision: string; documentIds: string[] })
      .find((t) => t.workOrderId === op.workOrderId && t.status === 'released')!;
    expect(traveler).toBeDefined();
    const drawing = traveler.documentIds.find((id) => id.startsWith('doc-dwg-'))!;
    expect(drawing).toBeDefined();

    // The wedge types the barcode fast and ends with Enter; no field has the focus.
    await page.keyboard.type(`FB1|${woNumber}|${op.seq}|${traveler.revision}`, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.locator(`${tid('job-screen')}[data-operation-id="${operationId}"]`).waitFor();
    await page.locator(`${tid('scan-opened')}[data-href="/station/st-mill-1/job/${operationId}"]`).waitFor({ state: 'attached' });
    expect(await page.locator(tid('job-title')).textContent()).toContain(woNumber);
    expect(await page.locator(tid('job-traveler')).textContent()).toContain(traveler.revision);
    expect(Math.min(...Object.values(await scanButtonBox(page)))).toBeGreaterThanOrEqual(48);

    // The real document list: the drawing is listed, and on the tablet.
    const row = page.locator(`${tid('document-row')}[data-document-id="${drawing}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-on-tablet')).toBe('yes');
    expect(await page.locator(tid('document-row')).count()).toBe(traveler.documentIds.length);
    await snap(page, 'station-flow-job-800x1280');
    await page.setViewportSize(LANDSCAPE);
    await snap(page, 'station-flow-job-1280x800');
    await page.setViewportSize(PORTRAIT);

    // The network goes; the drawing still opens, drawn by the app's own pdf.js.
    await context.setOffline(true);
    await row.click();
    await page.locator(tid('document-screen')).waitFor();
    await page.locator(`${tid('doc-canvas')}[data-rendered-page="1"]`).waitFor();
    expect(await inkedPixels(page)).toBeGreaterThan(1000);
    await snap(page, 'station-flow-drawing-800x1280');
    await page.locator(tid('doc-back')).click();
    await page.locator(`${tid('job-screen')}[data-operation-id="${operationId}"]`).waitFor();

    // Start, still offline: it waits in the outbox and goes when the network is back.
    await page.locator(`${tid('job-screen')} ${tid('op-start')}`).click();
    await page.locator(`${tid('action-result')}[data-outcome="applied"]`).waitFor();
    await context.setOffline(false);
    let start: Awaited<ReturnType<typeof serverAudit>>[number] | undefined;
    await expect
      .poll(
        async () => {
          start = (await serverAudit(world.server)).find((e) => e.mutation === 'startOperation' && e.args.operationId === operationId);
          return start?.outcome;
        },
        { timeout: UI_TIMEOUT },
      )
      .toBe('applied');
    expect(start!.args.travelerRevision).toBe(traveler.revision);
    const stored = (await serverRecords(world.server, 'operations')).find((r) => r.id === operationId)!.value;
    expect(stored.status).toBe('running');
    await page.locator(tid('sync-pending')).and(page.locator('[data-count="0"]')).waitFor();
    expect(tablet.errors).toEqual([]);
  });
});
