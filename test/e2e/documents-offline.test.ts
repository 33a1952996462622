import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enrollTablet, signInOperator, snap, tid, waitForOfflineShell, type Operator, type Tablet, useE2eWorld } from './harness';
import { makeDocument, makeTraveler, minimalPdf, sha256Of, solidPng } from '../support/documents';

// DESIGN T3 (browser): a PDF held on the tablet renders in the app's own pdf.js, offline, with
// its worker from the service worker's precache and nothing fetched from anywhere else.

const KOWALSKI: Operator = { badge: 'B1002', pin: '8642', name: 'Pete Kowalski' }; // st-lathe-1
const PDF = minimalPdf(2);
const PDF_SHA = sha256Of(PDF);
const MD = new TextEncoder().encode(
  '# Torque sequence\n\n<img src="x" onerror="window.hit=1"><script>window.hit=1</script>\n\n[run](javascript:window.hit=1)\n',
);
const MD_SHA = sha256Of(MD);
const PNG = solidPng(400, 300, [200, 0, 0]);
const PNG_SHA = sha256Of(PNG);

let tablet: Tablet | undefined;
const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'documents-offline');
});

/** Writes records into one object store of an IndexedDB the app made, as a pull would have. */
function putRecords(page: Page, dbName: string, store: string, records: unknown[]): Promise<void> {
  return page.evaluate(
    ({ dbName, store, records }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(store, 'readwrite');
          for (const r of records) tx.objectStore(store).put(r);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { dbName, store, records },
  );
}

/** Non-white pixels of the viewer's canvas, read back from the canvas itself. */
function inkedPixels(page: Page): Promise<{ width: number; inked: number }> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="doc-canvas"]')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) inked++;
    return { width: c.width, inked };
  });
}

describe('documents on the tablet (T3)', () => {
  it('[T3][X1] offline, a PDF on the tablet renders in the app, pages and zooms; a PNG draws and zooms; Markdown runs nothing it carries; one not yet downloaded says so', async () => {
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Docs tablet', ['st-lathe-1']);
    world.closers.push(() => tablet!.context.close());
    await signInOperator(tablet, KOWALSKI);
    await waitForOfflineShell(tablet.page);
    const { page } = tablet;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(world.server.url) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
    });
    // The packet opens its blob store once sync starts.
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'floorboard-blobs'));
    const workOrderId = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const req = indexedDB.open('floorboard');
          req.onsuccess = () => {
            const get = req.result.transaction('operations').objectStore('operations').index('stationId').get('st-lathe-1');
            get.onsuccess = () => (req.result.close(), resolve((get.result as { workOrderId: string }).workOrderId));
            get.onerror = () => reject(get.error);
          };
        }),
    );
    const missingSha = sha256Of(new TextEncoder().encode('not here'));
    // Records first, then the file: a packet run in between must not drop a file nobody needs yet.
    await putRecords(page, 'floorboard', 'documents', [
      makeDocument({ id: 'd-e2e-pdf', title: 'Shaft drawing', number: 'DWG-E2E', sha256: PDF_SHA, bytes: PDF.byteLength }),
      makeDocument({ id: 'd-e2e-later', title: 'Later drawing', sha256: missingSha, bytes: 8 }),
      makeDocument({ id: 'd-e2e-png', title: 'Fixture photo', contentType: 'image/png', sha256: PNG_SHA, bytes: PNG.byteLength }),
      makeDocument({ id: 'd-e2e-md', title: 'Torque', contentType: 'text/markdown', sha256: MD_SHA, bytes: MD.byteLength }),
    ]);
    await putRecords(page, 'floorboard', 'travelers', [
      makeTraveler({ id: 't-e2e', workOrderId, documentIds: ['d-e2e-pdf', 'd-e2e-later', 'd-e2e-md', 'd-e2e-png'] }),
    ]);
    for (const [sha, bytes, type] of [
      [PDF_SHA, PDF, 'application/pdf'],
      [MD_SHA, MD, 'text/markdown'],
      [PNG_SHA, PNG, 'image/png'],
    ] as const) {
      await page.evaluate(
        ({ sha, bytes, type }) =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.open('floorboard-blobs');
            req.onsuccess = () => {
              const tx = req.result.transaction(['blobs', 'sizes'], 'readwrite');
              tx.objectStore('blobs').put({ sha256: sha, contentType: type, size: bytes.length, data: new Blob([new Uint8Array(bytes)], { type }) });
              tx.objectStore('sizes').put({ sha256: sha, size: bytes.length });
              tx.oncomplete = () => (req.result.close(), resolve());
              tx.onerror = () => reject(tx.error);
            };
          }),
        { sha, bytes: [...bytes], type },
      );
    }

    await tablet.context.setOffline(true);
    // A fresh load offline: the shell, the pdf.js chunk and its worker all come from the precache.
    await page.goto('/document/d-e2e-pdf');
    await page.locator(tid('document-screen')).waitFor();
    await page.locator(`${tid('doc-canvas')}[data-rendered-page="1"]`).waitFor();
    expect(await page.locator(tid('doc-page')).textContent()).toBe('Page 1 of 2');
    const first = await inkedPixels(page);
    expect(first.inked).toBeGreaterThan(1000);

    await page.locator(tid('doc-next')).click();
    await page.locator(`${tid('doc-canvas')}[data-rendered-page="2"]`).waitFor();
    expect(await page.locator(tid('doc-page')).textContent()).toBe('Page 2 of 2');
    expect((await inkedPixels(page)).inked).toBeGreaterThan(first.inked);

    await page.locator(tid('doc-zoom-in')).click();
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('[data-testid="doc-canvas"]')!.width > w, first.width);
    for (const id of ['doc-prev', 'doc-next', 'doc-zoom-in', 'doc-zoom-out', 'doc-fit']) {
      const box = (await page.locator(tid(id)).boundingBox())!;
      expect(Math.min(box.width, box.height), id).toBeGreaterThanOrEqual(56);
    }

    // A PNG draws into the canvas too (the CSP allows no blob: image URLs), with the same zoom.
    await page.goto('/document/d-e2e-png');
    // Not the canvas's width: a blank canvas is 300 × 150 before the image is drawn into it.
    await page.locator(`${tid('doc-canvas')}[data-drawn]`).waitFor();
    const red = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="doc-canvas"]')!;
      const [r, g, b] = c.getContext('2d')!.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
      return { r, g, b, width: c.width };
    });
    expect(red).toMatchObject({ r: 200, g: 0, b: 0 });
    await page.locator(tid('doc-zoom-in')).click();
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('[data-testid="doc-canvas"]')!.width > w, red.width);

    // X1: a Markdown document shows its text and runs nothing it carries.
    await page.goto('/document/d-e2e-md');
    await page.locator(`${tid('doc-markdown')} h1`).waitFor();
    expect(await page.locator(`${tid('doc-markdown')} h1`).textContent()).toBe('Torque sequence');
    expect(await page.evaluate(() => (window as unknown as { hit?: number }).hit)).toBeUndefined();
    expect(await page.locator(`${tid('doc-markdown')} script, ${tid('doc-markdown')} [onerror], ${tid('doc-markdown')} a[href^="javascript"]`).count()).toBe(0);

    await page.goto('/document/d-e2e-later');
    await page.locator(tid('doc-not-on-tablet')).waitFor();
    expect(await page.locator(tid('doc-not-on-tablet')).textContent()).toContain('Not on this tablet yet');
    expect(tablet.errors).toEqual([]);
    expect(foreign, 'pdf.js fetched nothing from a CDN').toEqual([]);
  });
});
