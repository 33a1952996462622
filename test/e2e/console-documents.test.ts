import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../support/documents';
import { axeViolations } from './axe';
import { CONSOLE_WIDE, openConsole, serverRecords, snap, tid, UI_TIMEOUT, useE2eWorld } from './harness';

let consolePage: Page | undefined;
const world = useE2eWorld(async () => {
  if (consolePage) await snap(consolePage, 'console-documents-failed');
});

describe('documents and traveler revisions at the console (T1, T2)', () => {
  it('[T1][T2] a PDF is uploaded, created and released, then listed on a new traveler revision that supersedes B and asks the routing to acknowledge; a text file named .pdf is refused in words', async () => {
    // A work order whose released traveler is at revision B, read from the server's own records.
    const travelers = await serverRecords(world.server, 'travelers');
    const old = travelers.find((r) => r.value.status === 'released' && r.value.revision === 'B')!;
    expect(old).toBeDefined();
    const woId = old.value.workOrderId as string;
    const wo = (await serverRecords(world.server, 'workOrders')).find((r) => r.id === woId)!.value as { number: string; stationIds: string[] };
    const pdf = Buffer.from(minimalPdf(1));

    const { context, page, errors } = await openConsole(world.browser, world.server, { viewport: CONSOLE_WIDE });
    world.closers.push(() => context.close());
    consolePage = page;
    await page.locator(tid('console-tab-travelers')).click();
    await page.locator(tid('documents-section')).waitFor();

    // Upload: number, title and revision come from the file name, the coordinator may change them.
    await page.locator(tid('doc-file')).setInputFiles({ name: 'DWG-E2E Bracket drawing.pdf', mimeType: 'application/pdf', buffer: pdf });
    expect(await page.locator(tid('doc-number')).inputValue()).toBe('DWG-E2E');
    expect(await page.locator(tid('doc-title')).inputValue()).toBe('Bracket drawing');
    expect(await page.locator(tid('doc-revision')).inputValue()).toBe('A');
    await page.locator(tid('doc-upload-submit')).click();
    const upload = page.locator(`${tid('doc-upload-result')}[data-state="ok"]`);
    await upload.waitFor({ timeout: UI_TIMEOUT });
    expect(await upload.textContent()).toMatch(/^DWG-E2E rev A is created as a draft \(PDF, .+\)\. Release it/);
    const row = page.locator(`${tid('document-row')}[data-number="DWG-E2E"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('draft');
    expect(await row.textContent()).toContain('Bracket drawing');

    // Release, with a confirm step.
    await row.locator(tid('doc-release-ask')).click();
    await row.locator(tid('doc-release-confirm')).click();
    expect(await page.locator(tid('doc-release-result')).textContent()).toBe('DWG-E2E rev A is released. Travelers may list it now.');
    await expect.poll(() => row.getAttribute('data-status')).toBe('released');
    const releasedDoc = async () => (await serverRecords(world.server, 'documents')).find((r) => r.value.number === 'DWG-E2E' && r.value.status === 'released');
    await expect.poll(releasedDoc, { timeout: UI_TIMEOUT }).toBeDefined();
    const doc = (await releasedDoc())!;
    expect(doc.value).toMatchObject({ contentType: 'application/pdf', bytes: pdf.byteLength });

    // The work order's traveler: B now, C suggested; the new document attached.
    await page.locator(tid('travelers-filter')).fill(wo.number);
    const woRow = page.locator(`${tid('traveler-row')}[data-wo-number="${wo.number}"]`);
    await woRow.locator(tid('traveler-edit')).click();
    const editor = page.locator(`${tid('traveler-editor')}[data-wo-number="${wo.number}"]`);
    await editor.waitFor();
    await expect.poll(() => editor.locator(tid('traveler-current')).textContent()).toMatch(/^Released now: revision B, /);
    expect(await editor.locator(tid('traveler-revision')).inputValue()).toBe('C');
    await editor.locator(tid('traveler-doc-filter')).fill('bracket');
    await editor.locator(`${tid('traveler-doc')}[data-number="DWG-E2E"] input`).check();
    await editor.locator(`${tid('traveler-flag')}[data-flag="first-article"] input`).check();
    await editor.locator(tid('traveler-notes')).fill('First part to quality');
    await editor.locator(tid('traveler-release')).click();
    expect(await editor.locator(tid('traveler-release-warning')).textContent()).toMatch(
      /^Revision C replaces revision B at once\. The stations on the routing \(.+\) must acknowledge/,
    );
    // L2: the open editor with its warning, the result lines and the list pass axe at 7:1.
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'console-traveler-editor-1440');
    await editor.locator(tid('traveler-release-confirm')).click();
    expect(await editor.locator(tid('traveler-release-result')).textContent()).toBe(
      `${wo.number} traveler revision C is released and revision B superseded; ${wo.stationIds.length} stations are asked to acknowledge it.`,
    );

    // The server: C released with the document, B superseded, a `revision` change to the routing.
    await expect
      .poll(async () => (await serverRecords(world.server, 'travelers')).find((r) => r.value.workOrderId === woId && r.value.revision === 'C')?.value, {
        timeout: UI_TIMEOUT,
      })
      .toMatchObject({ status: 'released', documentIds: expect.arrayContaining([doc.id]), flags: ['first-article'], notes: 'First part to quality' });
    expect((await serverRecords(world.server, 'travelers')).find((r) => r.id === old.id)!.value.status).toBe('superseded');
    const changes = (await serverRecords(world.server, 'scheduleChanges')).filter(
      (r) => r.value.kind === 'revision' && (r.value.workOrderIds as string[]).includes(woId),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]!.value).toMatchObject({ requiresAck: true, stationIds: wo.stationIds });

    // A text file renamed .pdf: refused in words, nothing stored.
    const before = (await serverRecords(world.server, 'documents')).length;
    await page.locator(tid('doc-file')).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some notes\n') });
    await page.locator(tid('doc-upload-submit')).click();
    const refused = page.locator(`${tid('doc-upload-result')}[data-state="bad"]`);
    await refused.waitFor();
    expect(await refused.textContent()).toBe('notes.pdf is not a real PDF: its contents are something else. Nothing was stored.');
    expect((await serverRecords(world.server, 'documents')).length).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
