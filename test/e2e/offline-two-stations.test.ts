import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  acknowledge,
  addNote,
  card,
  completeOperation,
  completedCard,
  e2eStore,
  enrollTablet,
  firstStartable,
  openConsole,
  outboxRows,
  pendingCount,
  reportQuantity,
  serverAudit,
  serverRecords,
  signInOperator,
  snap,
  startOperation,
  tid,
  waitForOfflineShell,
  type Operator,
  type Tablet,
  useE2eWorld,
} from './harness';

// DESIGN §12 (browser): offline edits on two tablets at different stations, reconnect, the
// coordinator sees each once; the app reloads offline with its outbox intact.

const KOWALSKI: Operator = { badge: 'B1002', pin: '8642', name: 'Pete Kowalski' }; // st-lathe-1 only
const BRENNAN: Operator = { badge: 'B1005', pin: '6053', name: 'Sean Brennan' }; // st-weld-1 only
const KOWALSKI_ID = 'u-op-kowalski';
const BRENNAN_ID = 'u-op-brennan';
const CHANGE = `E2E resequence ${Date.now()}: run the expedited job first`;

interface Work {
  tablet: Tablet;
  operator: Operator;
  userId: string;
  station: string;
  operationId?: string;
  woNumber?: string;
  note: string;
  good: number;
  scrap: number;
}

let consolePage: Page;
const work: Work[] = [];

const world = useE2eWorld(async () => {
  for (const w of work) await snap(w.tablet.page, `two-stations-${w.station}`);
  if (consolePage) await snap(consolePage, 'two-stations-console');
});

describe(`two tablets at different stations work offline, then reconnect (${e2eStore()})`, () => {
  it('[A1][A2] tablets enroll with a one-time code and operators sign in with badge + PIN', async () => {
    const c = await openConsole(world.browser, world.server);
    consolePage = c.page;
    world.pageErrors.push(c.errors);
    world.closers.push(() => c.context.close());
    for (const [name, station, operator, userId, good, scrap] of [
      ['Lathe tablet', 'st-lathe-1', KOWALSKI, KOWALSKI_ID, 7, 1],
      ['Weld tablet', 'st-weld-1', BRENNAN, BRENNAN_ID, 4, 2],
    ] as const) {
      const tablet = await enrollTablet(world.browser, world.server, world.cookie, name, [station]);
      world.closers.push(() => tablet.context.close());
      world.pageErrors.push(tablet.errors);
      await signInOperator(tablet, operator);
      expect(await tablet.page.locator(tid('station-screen')).getAttribute('data-station-id')).toBe(station);
      work.push({ tablet, operator, userId, station, note: `${name}: coolant low, topped up ${Date.now()}`, good, scrap });
    }
  });

  it('[S6][S8] a schedule change posted in the console reaches both stations', async () => {
    const p = consolePage;
    await p.locator(tid('console-tab-changes')).click();
    await p.locator(tid('change-kind')).selectOption('resequence');
    await p.locator(tid('change-message-input')).fill(CHANGE);
    for (const w of work) await p.locator(`${tid('change-station')}[data-station-id="${w.station}"]`).click();
    await p.locator(tid('change-submit')).click();
    await p.locator(tid('change-result')).waitFor();
    expect(await p.locator(tid('change-result')).textContent()).toContain('Change posted');
    for (const w of work) {
      // Attached: with other changes pending it may be folded behind their count.
      await w.tablet.page.locator(`${tid('change-banner')}:has-text("${CHANGE}")`).waitFor({ state: 'attached' });
    }
  });

  it('[S7][C1] offline, each tablet starts, reports, completes, acknowledges and notes into its outbox', async () => {
    for (const w of work) {
      await waitForOfflineShell(w.tablet.page);
      await w.tablet.context.setOffline(true);
    }
    for (const w of work) {
      const { page } = w.tablet;
      const { operationId, woNumber } = await firstStartable(page);
      w.operationId = operationId;
      w.woNumber = woNumber;
      await startOperation(page, operationId);
      await reportQuantity(page, operationId, w.good, w.scrap);
      await expect.poll(() => card(page, operationId).locator(tid('queue-good-scrap')).textContent()).toBe(`${w.good} / ${w.scrap}`);
      await completeOperation(page, operationId);
      await completedCard(page, operationId).waitFor();
      await acknowledge(page, CHANGE);
      await addNote(page, w.note);
      await expect.poll(() => pendingCount(page)).toBe(5);
      expect(await outboxRows(page)).toBe(5);
      await expect.poll(() => page.locator(tid('sync-online')).getAttribute('data-online')).toBe('false');
    }
  });

  it('[S1][S7][A2][§8] a tablet reloaded offline loads its shell from the service worker with the outbox intact', async () => {
    const { page } = work[0]!.tablet;
    await page.reload();
    await page.locator(tid('station-screen')).waitFor();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await expect.poll(() => page.locator(tid('sync-online')).getAttribute('data-online')).toBe('false');
    await expect.poll(() => pendingCount(page)).toBe(5);
    expect(await outboxRows(page)).toBe(5);
    // The local state is the optimistic one: the note is there, the operation shows completed.
    await page.locator(`${tid('note-item')}:has-text("${work[0]!.note}")`).waitFor();
    expect(await completedCard(page, work[0]!.operationId!).count()).toBe(1);
    expect(await page.locator(`${tid('change-banner')}:has-text("${CHANGE}")`).count()).toBe(0);
    // Every route loads offline, not only the one that was open: the details list what waits.
    await page.goto('/status');
    await page.locator(tid('status-screen')).waitFor();
    await expect.poll(() => page.locator(tid('outbox-row')).count()).toBe(5);
    await page.locator(tid('status-back')).click();
    await page.locator(tid('station-screen')).waitFor();
    // A2: switching user and signing in again works offline too, and loses nothing.
    await page.locator(tid('switch-user')).click();
    await signInOperator(work[0]!.tablet, KOWALSKI);
    expect(await outboxRows(page)).toBe(5);
  });

  it('[S2][S8][S10][A2] reconnected, both outboxes empty and the console feed shows every update once, with both clocks and PIN-verified', async () => {
    for (const w of work) await w.tablet.context.setOffline(false);
    for (const w of work) {
      await expect.poll(() => outboxRows(w.tablet.page), { timeout: 60_000, interval: 500 }).toBe(0);
      await expect.poll(() => pendingCount(w.tablet.page)).toBe(0);
    }
    const p = consolePage;
    await p.locator(tid('console-tab-feed')).click();
    const entries = p.locator(tid('feed-entry'));
    // 5 tablet updates each, plus the posted change.
    await expect.poll(() => entries.count(), { timeout: 60_000, interval: 500 }).toBe(11);
    const rows = await entries.evaluateAll((els) =>
      els.map((e) => ({
        mutation: e.getAttribute('data-mutation'),
        outcome: e.getAttribute('data-outcome'),
        backing: e.getAttribute('data-backing'),
        who: e.querySelector('[data-testid="feed-who"]')?.textContent ?? '',
        mark: e.querySelector('[data-testid="backing"]')?.textContent ?? '',
        deviceTime: e.querySelector('[data-testid="feed-device-time"]')?.textContent ?? '',
        serverTime: e.querySelector('[data-testid="feed-server-time"]')?.textContent ?? '',
      })),
    );
    for (const w of work) {
      for (const m of ['startOperation', 'reportQuantity', 'completeOperation', 'acknowledgeChange', 'addNote']) {
        const mine = rows.filter((r) => r.who === w.operator.name && r.mutation === m);
        expect(mine, `${w.operator.name} ${m}`).toHaveLength(1);
        expect(mine[0]!.outcome).toBe('applied');
        // A2: signed in with badge + PIN while offline, so every act carries the PIN proof.
        expect(mine[0]!.backing, `${w.operator.name} ${m}`).toBe('pin');
        // The tablets were enrolled after the console read its device list: named all the same.
        expect(mine[0]!.mark).toBe(`PIN-verified on ${w.tablet.name}`);
        expect(mine[0]!.deviceTime).not.toBe('');
        expect(mine[0]!.serverTime).not.toBe('');
      }
    }
    expect(rows.find((r) => r.mutation === 'postScheduleChange')!.backing).toBe('console');
  });

  it('[S10] the console acknowledgement matrix shows both operators acknowledged', async () => {
    const p = consolePage;
    await p.locator(tid('console-tab-changes')).click();
    const matrix = p.locator(`${tid('ack-matrix')}:has-text("${CHANGE}")`);
    await matrix.waitFor();
    for (const w of work) {
      await expect.poll(() => matrix.locator(`${tid('ack-cell')}[data-user-id="${w.userId}"]`).getAttribute('data-acked'), { timeout: 30_000 }).toBe('true');
    }
  });

  it('[S2][S4][C1] the server applied each mutation exactly once', async () => {
    const audit = await serverAudit(world.server);
    const tabletEntries = audit.filter((e) => e.deviceId !== 'console');
    expect(tabletEntries).toHaveLength(10);
    const keys = new Set(tabletEntries.map((e) => `${e.clientId}:${e.mutationId}`));
    expect(keys.size).toBe(10);
    expect(tabletEntries.every((e) => e.outcome === 'applied')).toBe(true);

    const changeId = (await serverRecords(world.server, 'scheduleChanges')).find((r) => r.value.message === CHANGE)?.id;
    expect(changeId).toBeDefined();
    const reports = await serverRecords(world.server, 'quantityReports');
    const notes = await serverRecords(world.server, 'notes');
    const acks = (await serverRecords(world.server, 'acknowledgements')).filter((r) => r.value.changeId === changeId);
    const ops = new Map((await serverRecords(world.server, 'operations')).map((r) => [r.id, r.value]));
    for (const w of work) {
      const mine = reports.filter((r) => r.value.operationId === w.operationId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.value).toMatchObject({ good: w.good, scrap: w.scrap, userId: w.userId });
      expect(ops.get(w.operationId!)).toMatchObject({ status: 'completed', good: w.good, scrap: w.scrap });
      expect(notes.filter((n) => n.value.text === w.note)).toHaveLength(1);
      expect(acks.filter((a) => a.value.userId === w.userId)).toHaveLength(1);
    }
  });

  it('no page threw an uncaught error', () => {
    expect(world.pageErrors.flat()).toEqual([]);
  });
}, 180_000);
