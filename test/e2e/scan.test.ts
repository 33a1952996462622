import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { qrVideo } from './fake-camera';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  coordinatorCookie,
  createEnrollmentCode,
  enrollTablet,
  newProfile,
  openConsole,
  type RunningServer,
  serverRecords,
  signInOperator,
  snap,
  startServer,
  tid,
} from './harness';

// §9 in a real Chromium: the camera is Chromium's fake device playing a Y4M file of a QR code
// that bwip-js drew, read by zxing-wasm (Chromium on Linux has no BarcodeDetector).
let server: RunningServer;
let cookie: string;
let video: string;
let code: string;
let browser: Browser;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
  cookie = await coordinatorCookie(server.url);
  code = await createEnrollmentCode(server.url, cookie, 'Camera tablet', ['st-mill-1']);
  video = await qrVideo(code, 'enroll-qr');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
});
afterAll(async () => {
  for (const c of closers) await c().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server?.dispose();
  if (video) rmSync(video, { force: true });
});

describe('[§9] scanning in Chromium', () => {
  it('[A1] the Enroll screen scans the enrollment QR with the camera, fills the code and enrolls', async () => {
    const { context, page, errors } = await newProfile(browser, server.url);
    closers.push(() => context.close());
    await context.grantPermissions(['camera'], { origin: server.url });
    const wasm: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push(r.url());
    });
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.goto('/');
    await page.locator(tid('enroll-screen')).waitFor();
    await page.locator(tid('scan-button')).click();
    await page
      .locator(tid('enroll-success'))
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        await snap(page, 'scan-enroll-failed');
        throw new Error(
          `${e}\ncamera: ${await page
            .locator(tid('camera-status'))
            .textContent()
            .catch(() => 'gone')}\nerrors: ${errors.join('\n')}\nconsole: ${logs.join('\n')}`,
        );
      });
    expect(await page.locator(tid('enroll-device-name')).textContent()).toBe('Camera tablet');
    expect(await page.locator(tid('camera-scanner')).count()).toBe(0);
    // The reader's .wasm came from our own server, nothing from a CDN.
    expect(wasm.length).toBeGreaterThan(0);
    for (const u of wasm) expect(u.startsWith(`${server.url}/assets/`), u).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('[A1] the console shows the enrollment code as a QR code that reads back as the code', async () => {
    const coord = await openConsole(browser, server);
    closers.push(() => coord.context.close());
    const page = coord.page;
    await page.locator(tid('console-tab-devices')).click();
    await page.locator(tid('device-name')).fill('QR tablet');
    await page.locator(`${tid('device-station')}[data-station-id="st-lathe-1"]`).click();
    await page.locator(tid('device-create')).click();
    const shown = ((await page.locator(tid('device-enrollment-code')).textContent()) ?? '').trim();
    const qr = page.locator(`${tid('device-enrollment-qr')} svg`);
    await qr.waitFor();
    // Read the rendered QR as a camera would see it: a screenshot, decoded by zxing-wasm in Node
    // (its .wasm from node_modules, not its default CDN).
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
    const read = await readBarcodes(new Uint8Array(await page.locator(tid('device-enrollment-qr')).screenshot()), { formats: ['QRCode'] });
    expect(read.map((r) => r.text)).toEqual([shown]);
    expect(coord.errors).toEqual([]);
  }, 120_000);

  it('a wedge burst at scanner speed opens the job with no field focused; the same keys at human speed do not', async () => {
    const tablet = await enrollTablet(browser, server, cookie, 'Mill tablet', ['st-mill-1']);
    closers.push(() => tablet.context.close());
    await signInOperator(tablet, { badge: 'B1001', pin: '1357', name: 'Linh Nguyen' });
    const { page } = tablet;
    // A work order with an operation at the mill, and its released traveler's revision.
    const ops = (await serverRecords(server, 'operations')).map((r) => r.value).filter((o) => o.stationId === 'st-mill-1');
    const op = ops.find((o) => o.seq !== 10) ?? ops[0]!;
    const wo = (await serverRecords(server, 'workOrders')).find((r) => r.id === op.workOrderId)!.value;
    const trv = (await serverRecords(server, 'travelers')).find((r) => r.value.workOrderId === wo.id && r.value.status === 'released')!.value;
    const jobUrl = `/station/st-mill-1/job/${op.id}`;
    // Every route the app goes to, from the router's own history calls: the job screen is
    // another branch's, so this one's router sends an unknown path on to / at once.
    await page.evaluate(() => {
      const w = window as unknown as { routes: string[] };
      w.routes = [];
      for (const name of ['pushState', 'replaceState'] as const) {
        const real = history[name].bind(history);
        history[name] = (data: unknown, unused: string, url?: string | URL | null) => {
          if (url) w.routes.push(new URL(url, location.href).pathname);
          real(data, unused, url);
        };
      }
    });
    const routes = () => page.evaluate(() => (window as unknown as { routes: string[] }).routes);
    const noFocus = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // People type a key every 100 ms or more: nothing happens, whatever they type.
    await noFocus();
    await page.keyboard.type(`FB1|${wo.number}|${op.seq}|${trv.revision}`, { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    expect(await routes()).not.toContain(jobUrl);
    expect(await page.locator(tid('scan-opened')).getAttribute('data-href')).toBe('');
    expect(await page.locator(tid('scan-notice')).count()).toBe(0);

    // The scanner: the GS-separated payload (GS as Ctrl+]) at 5 ms a key, then Enter.
    await noFocus();
    await page.evaluate(() => {
      const w = window as unknown as { keys: string[] };
      w.keys = [];
      document.addEventListener('keydown', (e) => w.keys.push(`${e.key}@${Math.round(e.timeStamp)}`), true);
    });
    for (const [i, part] of ['FB1', String(wo.number), String(op.seq), String(trv.revision)].entries()) {
      if (i > 0) await page.keyboard.press('Control+BracketRight');
      await page.keyboard.type(part, { delay: 5 });
    }
    await page.keyboard.press('Enter');
    // Until the job screen's route lands (another branch), this router sends the path on to /
    // before it reaches the history: the scan service's own record says where it went.
    await expect
      .poll(() => page.locator(tid('scan-opened')).getAttribute('data-href'), { timeout: 10_000 })
      .toBe(jobUrl)
      .catch(async (e) => {
        throw new Error(`${e}\nkeys: ${await page.evaluate(() => (window as unknown as { keys: string[] }).keys.join(' '))}\nat ${page.url()}`);
      });

    // T5: a printed revision that is not the released one stops on a full screen with both.
    await page.keyboard.type(`FB1|${wo.number}|${op.seq}|ZZ`, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.locator(tid('scan-superseded')).waitFor();
    expect(await page.locator(tid('scan-superseded-body')).textContent()).toContain(`revision ZZ, but revision ${trv.revision} is released`);
    await page.locator(tid('scan-notice-close')).click();
    expect(tablet.errors).toEqual([]);
  }, 120_000);
});
