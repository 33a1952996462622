import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../support/zxing-node';
import { CONSOLE_WIDE, openConsole, snap, tid, useE2eWorld } from './harness';

let consolePage: Page | undefined;
const world = useE2eWorld(async () => {
  if (consolePage) await snap(consolePage, 'console-print-failed');
});

/** The media box of a PDF's first page, in points: A4 is 595×842, Letter 612×792. */
function mediaBox(pdf: Buffer): number[] {
  const m = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('no MediaBox in the PDF');
  return [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])].map(Math.round);
}

describe('printed travelers (DESIGN §9)', () => {
  it('the console prints a work order’s traveler whose barcodes scan back to the same job, on A4 and Letter', async () => {
    const { context, page } = await openConsole(world.browser, world.server, { viewport: CONSOLE_WIDE });
    world.closers.push(() => context.close());
    consolePage = page;
    await page.locator(tid('console-tab-travelers')).click();
    const row = page.locator(tid('traveler-row')).first();
    await row.waitFor();
    const wo = (await row.getAttribute('data-wo-number'))!;
    await row.locator(tid('traveler-print')).click();
    const sheet = page.locator(tid('traveler-sheet'));
    await sheet.waitFor();
    await page.locator(`${tid('barcode-cover')}[data-drawn="true"]`).waitFor();
    const ops = page.locator(tid('print-op'));
    const n = await ops.count();
    expect(n).toBeGreaterThanOrEqual(3);
    await page
      .locator(`${tid('barcode-op')}[data-drawn="true"]`)
      .nth(n - 1)
      .waitFor();
    expect(await sheet.textContent()).toContain(`Traveler ${wo}`);
    await snap(page, 'console-print-1440');

    // What is printed scans back: the cover and each operation's barcode decode to the payload.
    const cover = await decodePng(await page.locator(tid('barcode-cover')).screenshot());
    expect(cover.map((r) => r.text)).toEqual([expect.stringMatching(new RegExp(`^FB1\\x1d${wo}\\x1d\\x1d[A-Z]+$`))]);
    const rev = cover[0]!.text.split('\x1d')[3];
    for (let i = 0; i < n; i++) {
      const seq = await ops.nth(i).getAttribute('data-seq');
      const found = await decodePng(await ops.nth(i).locator(tid('barcode-op')).screenshot());
      expect(found.map((r) => r.text)).toEqual([`FB1\x1d${wo}\x1d${seq}\x1d${rev}`]);
    }

    // On paper: the sheet alone, at the chosen size.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator(tid('print-controls')).count()).toBe(0);
    expect(await page.locator(tid('console-tab-feed')).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(mediaBox(await page.pdf({ preferCSSPageSize: true }))).toEqual([595, 842]);
    await page.locator(tid('print-paper-letter')).click();
    expect(mediaBox(await page.pdf({ preferCSSPageSize: true }))).toEqual([612, 792]);
    await page.locator(tid('print-close')).click();
    await sheet.waitFor({ state: 'detached' });
  });
});
