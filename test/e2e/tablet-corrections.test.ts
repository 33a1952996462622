import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../server/seed/people';
import { axeViolations } from './axe';
import {
  card,
  e2eStore,
  enrollTablet,
  firstStartable,
  lastResult,
  reportQuantity,
  serverRecords,
  signInOperator,
  snap,
  startOperation,
  type Tablet,
  tid,
  useE2eWorld,
} from './harness';

// Issue 7: an operator corrects their own report of this shift on the card (C1: the original stays,
// a correction record carries the difference), and undoes their own start within two minutes.

const STATION = 'st-mill-1';
let tablet: Tablet;

const world = useE2eWorld(async () => {
  if (tablet) await snap(tablet.page, 'tablet-corrections');
});

const operation = async (id: string) => (await serverRecords(world.server, 'operations')).find((r) => r.id === id)!.value;
const POLL = { timeout: 30_000, interval: 250 };

describe(`corrections and undo on the tablet (${e2eStore()})`, () => {
  it('B1001 signs in at the mill', async () => {
    const op = DEMO_USERS.find((u) => u.badge === 'B1001')!;
    tablet = await enrollTablet(world.browser, world.server, world.cookie, 'Corrections tablet', [STATION]);
    world.closers.push(() => tablet.context.close());
    world.pageErrors.push(tablet.errors);
    await signInOperator(tablet, { badge: op.badge, pin: op.pin, name: op.name });
  });

  it('reports 5 good, corrects it to 4 with a reason: the card and the server say 4, the report is kept with a correction', async () => {
    const page = tablet.page;
    const { operationId } = await firstStartable(page);
    const base = (await operation(operationId)).good as number;
    await startOperation(page, operationId);
    await reportQuantity(page, operationId, 5);
    const c = card(page, operationId);
    await c.locator(tid('fix-open')).click();
    await c.locator(tid('fix-correct')).click();
    await c.locator(tid('fix-good')).fill('4');
    await c.locator(`${tid('fix-reason')}[data-reason="corr.fix.reasonMiscount"]`).click();
    await c.locator(tid('fix-submit')).click();
    expect(await c.locator(tid('fix-confirm')).textContent()).toBe('Change 5 good, 0 scrap to 4 good, 0 scrap?');
    // L2: the open form, its chips, the Undo and the confirm pass axe at 7:1.
    const found = await axeViolations(page);
    expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    await c.locator(tid('fix-yes')).click();
    expect(await lastResult(page)).toContain('Correction saved');
    await c.locator(tid('fix-corrected')).waitFor();
    await page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"] ${tid('queue-good-scrap')}:text-matches("^${base + 4} /")`).waitFor();

    await expect.poll(async () => (await operation(operationId)).good, POLL).toBe(base + 4);
    const reports = (await serverRecords(world.server, 'quantityReports')).map((r) => r.value).filter((r) => r.operationId === operationId);
    const original = reports.find((r) => r.kind !== 'correction' && r.good === 5)!;
    expect(original).toBeDefined();
    expect(reports.filter((r) => r.kind === 'correction')).toEqual([
      expect.objectContaining({ correctsId: original.id, good: -1, scrap: 0, reason: 'Miscounted', userId: 'u-op-nguyen' }),
    ]);
  });

  it('starts an operation and undoes it within the window: back to pending on the server', async () => {
    const page = tablet.page;
    const { operationId } = await firstStartable(page);
    await startOperation(page, operationId);
    const c = card(page, operationId);
    expect(await c.locator(tid('op-undo')).textContent()).toMatch(/Undo start \(\d+ (min|sec) left\)/);
    await c.locator(tid('op-undo')).click();
    await c.locator(tid('op-undo-yes')).click();
    expect(await lastResult(page)).toContain('Undone.');
    await page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"][data-status="pending"]`).waitFor();
    await c.locator(tid('op-undo')).waitFor({ state: 'detached' });
    await expect.poll(async () => (await operation(operationId)).status, POLL).toBe('pending');
    expect(tablet.errors).toEqual([]);
  });
});
