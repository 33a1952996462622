import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addNote,
  completeOperation,
  completedCard,
  enrollTablet,
  firstStartable,
  openConsole,
  outboxRows,
  pendingCount,
  serverAudit,
  serverRecords,
  signInOperator,
  snap,
  startOperation,
  tid,
  type Operator,
  type Tablet,
  useE2eWorld,
} from './harness';

// DESIGN C2/C4 in the browser: two tablets at one station complete the same running operation
// offline. The first to reconnect wins; the other's completion becomes a conflict that its
// operator reads in words and the coordinator finds in the conflicts inbox.

const NGUYEN: Operator = { badge: 'B1001', pin: '1357', name: 'Linh Nguyen' };
const OKAFOR: Operator = { badge: 'B1003', pin: '4826', name: 'Chidi Okafor' };
const STATION = 'st-mill-1';
/** "Your completion (WO-241004 op 10) at 10:02 was not applied: …" — the job named when known. */
const NOT_APPLIED = /Your completion( \([^)]*\))? at \d\d:\d\d was not applied/;

let first: Tablet;
let second: Tablet;
let consolePage: Page | undefined;
let operationId = '';
let woNumber = '';

const world = useE2eWorld(async () => {
  for (const t of [first, second]) if (t) await snap(t.page, `conflict-${t.name.replace(/\W+/g, '-')}`);
  if (consolePage) await snap(consolePage, 'conflict-console');
});

describe('two tablets at the same station complete the same operation offline', () => {
  it('[S8] an operation started online on one tablet shows running on the other', async () => {
    first = await enrollTablet(world.browser, world.server, world.cookie, 'Mill tablet 1', [STATION]);
    world.closers.push(() => first.context.close());
    second = await enrollTablet(world.browser, world.server, world.cookie, 'Mill tablet 2', [STATION]);
    world.closers.push(() => second.context.close());
    world.pageErrors.push(first.errors, second.errors);
    await signInOperator(first, NGUYEN);
    await signInOperator(second, OKAFOR);

    ({ operationId, woNumber } = await firstStartable(first.page));
    await startOperation(first.page, operationId);
    await expect.poll(() => outboxRows(first.page), { timeout: 30_000 }).toBe(0);
    // The poke makes the other tablet pull; the card turns to running there too.
    await second.page.locator(`${tid('queue-item')}[data-operation-id="${operationId}"][data-status="running"]`).waitFor();
  });

  it('[S7] offline, both tablets complete it locally', async () => {
    await first.context.setOffline(true);
    await second.context.setOffline(true);
    for (const t of [first, second]) {
      const text = await completeOperation(t.page, operationId);
      expect(text).toContain(`Completed ${woNumber}`);
      await completedCard(t.page, operationId).waitFor();
      await expect.poll(() => pendingCount(t.page)).toBe(1);
    }
  });

  it('[C2][C4] the first to reconnect is applied; the second becomes a conflict shown on that tablet in words', async () => {
    await first.context.setOffline(false);
    await expect.poll(() => outboxRows(first.page), { timeout: 60_000, interval: 500 }).toBe(0);
    await expect.poll(async () => (await serverRecords(world.server, 'operations')).find((r) => r.id === operationId)?.value.status).toBe('completed');

    await second.context.setOffline(false);
    await expect.poll(() => outboxRows(second.page), { timeout: 60_000, interval: 500 }).toBe(0);

    // The status bar counts it and lists it in words.
    const toggle = second.page.locator(tid('sync-problems-toggle'));
    await expect.poll(() => toggle.textContent(), { timeout: 30_000 }).toContain('1 not applied');
    await toggle.click();
    const problem = second.page.locator(`${tid('sync-problem')}[data-kind="conflict"]`);
    await problem.waitFor();
    const words = (await problem.textContent()) ?? '';
    expect(words).toMatch(NOT_APPLIED);
    expect(words).toContain(NGUYEN.name);

    // The details screen says the same.
    await second.page.locator(tid('sync-details-link')).click();
    const detail = second.page.locator(`${tid('status-problem')}[data-kind="conflict"]`);
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(NOT_APPLIED);

    // The winner has nothing to report.
    expect(await first.page.locator(tid('sync-problems-toggle')).textContent()).toContain('No problems');
  });

  it('[C4] the conflict reaches the coordinator’s inbox with both sides', async () => {
    const c = await openConsole(world.browser, world.server);
    consolePage = c.page;
    world.pageErrors.push(c.errors);
    world.closers.push(() => c.context.close());
    await c.page.locator(tid('console-tab-conflicts')).click();
    const item = c.page.locator(`${tid('conflict-item')}[data-code="operation-already-completed"]`);
    await item.waitFor();
    expect(await c.page.locator(tid('conflict-item')).count()).toBe(1);
    expect(await item.locator(tid('conflict-mine')).textContent()).toContain(OKAFOR.name);
    expect(await item.locator(tid('conflict-mine')).textContent()).toContain('Mill tablet 2');
    expect(await item.locator(tid('conflict-other')).textContent()).toContain(NGUYEN.name);
    expect(await c.page.locator(tid('console-tab-conflicts')).textContent()).toContain('(1)');
  });

  it('[S2][C2] the server applied one completion and recorded exactly one conflict', async () => {
    const completions = (await serverAudit(world.server)).filter((e) => e.mutation === 'completeOperation' && e.args.operationId === operationId);
    expect(completions.map((e) => e.outcome).sort()).toEqual(['applied', 'conflict']);
    expect(completions.find((e) => e.outcome === 'applied')!.actorId).toBe('u-op-nguyen');
    const conflicts = await serverRecords(world.server, 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.value).toMatchObject({ mutation: 'completeOperation', actorId: 'u-op-okafor', code: 'operation-already-completed', status: 'open' });
    expect((conflicts[0]!.value.other as { actorId: string }).actorId).toBe('u-op-nguyen');
  });

  it('[C2][C4] a start made offline on a job the coordinator put on hold meanwhile is a conflict, told in words', async () => {
    const { page } = first;
    const job = await firstStartable(page);
    await first.context.setOffline(true);

    // The coordinator, online, puts the job on quality hold through the Holds tab.
    const p = consolePage!;
    await p.locator(tid('console-tab-holds')).click();
    await p.locator(tid('hold-wo-filter')).fill(job.woNumber);
    const value = await p
      .locator(`${tid('hold-wo')} option`)
      .evaluateAll((os, n) => (os as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(`${n} `))?.value ?? '', job.woNumber);
    expect(value).not.toBe('');
    await p.locator(tid('hold-wo')).selectOption(value);
    await p.locator(`${tid('hold-kind')}[data-kind="quality"]`).click();
    await p.locator(tid('hold-reason')).fill('Bore out of tolerance on the first article');
    await p.locator(tid('hold-submit')).click();
    await p.locator(tid('hold-result')).waitFor();
    expect(await p.locator(tid('hold-result')).textContent()).toContain('Hold placed');
    // The console queues it like any client: wait until the server has it, so it comes first.
    await expect
      .poll(
        async () =>
          (await serverRecords(world.server, 'holds')).some(
            (h) => h.value.status === 'open' && h.value.reason === 'Bore out of tolerance on the first article',
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);

    // The tablet does not know yet: its start is applied locally and queued.
    await startOperation(page, job.operationId);
    await first.context.setOffline(false);
    await expect.poll(() => outboxRows(page), { timeout: 60_000, interval: 500 }).toBe(0);

    const toggle = page.locator(tid('sync-problems-toggle'));
    await expect.poll(() => toggle.textContent(), { timeout: 30_000 }).toContain('1 not applied');
    await toggle.click();
    const problem = page.locator(`${tid('sync-problem')}[data-kind="conflict"]`);
    await problem.waitFor();
    const words = (await problem.textContent()) ?? '';
    expect(words).toMatch(/Your start of the operation( \([^)]*\))? at \d\d:\d\d was not applied: the job was put on quality hold at \d\d:\d\d/);
    // The card now shows the hold and offers no start.
    const held = page.locator(`${tid('queue-item')}[data-operation-id="${job.operationId}"][data-held="true"]`);
    await held.waitFor();
    expect(await held.locator(tid('op-start')).isDisabled()).toBe(true);

    // Server: the start was not applied and one work-order-on-hold conflict exists.
    expect((await serverRecords(world.server, 'operations')).find((r) => r.id === job.operationId)!.value.status).toBe('pending');
    const conflicts = (await serverRecords(world.server, 'conflicts')).filter((c) => c.value.code === 'work-order-on-hold');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.value).toMatchObject({ mutation: 'startOperation', actorId: 'u-op-nguyen' });

    // The coordinator's inbox has both conflicts now.
    await p.locator(tid('console-tab-conflicts')).click();
    await p.locator(`${tid('conflict-item')}[data-code="work-order-on-hold"]`).waitFor();
    expect(await p.locator(tid('conflict-item')).count()).toBe(2);
  });

  it('[C4] each card names its job in words, and Keep the server’s resolves it after a confirm on that card', async () => {
    const p = consolePage!;
    await p.locator(tid('console-tab-conflicts')).click();
    const item = p.locator(`${tid('conflict-item')}[data-code="operation-already-completed"]`);
    await item.waitFor();
    // The job by number, op seq and station; both sides and what the server kept in words.
    const job = (await item.locator(tid('conflict-job')).textContent()) ?? '';
    expect(job).toContain(woNumber);
    expect(job).toMatch(/ · op \d+ · \S/);
    expect(await item.locator(tid('conflict-mine')).textContent()).toMatch(/Chidi Okafor on Mill tablet 2 tried to complete the operation at /);
    expect(await item.locator(tid('conflict-other')).textContent()).toMatch(/Linh Nguyen on Mill tablet 1 completed the operation at /);
    expect(await item.locator(tid('conflict-kept')).textContent()).toContain('operation completed');
    for (const card of await p.locator(tid('conflict-item')).all()) expect(await card.textContent()).not.toMatch(/status:/);

    // The choice asks first, on the same card, then resolves with the note.
    await item.locator(tid('conflict-keep-server')).click();
    const confirm = item.locator(tid('conflict-confirm'));
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(job);
    expect(await p.locator(tid('conflict-confirm')).count()).toBe(1);
    await item.locator(tid('conflict-note')).fill('Told Chidi the first completion stands');
    await item.locator(tid('conflict-confirm-yes')).click();
    await expect.poll(() => p.locator(tid('conflict-result')).textContent()).toContain(`Kept the server’s for ${job}`);
    await expect.poll(() => p.locator(`${tid('conflict-item')}[data-code="operation-already-completed"]`).count()).toBe(0);
    await expect
      .poll(async () => (await serverRecords(world.server, 'conflicts')).find((c) => c.value.code === 'operation-already-completed')?.value, {
        timeout: 30_000,
      })
      .toMatchObject({ status: 'resolved', resolution: 'Told Chidi the first completion stands' });
  });

  it('[C4] releasing a hold in the console asks to confirm next to the button', async () => {
    const p = consolePage!;
    await p.locator(tid('console-tab-holds')).click();
    const hold = p.locator(tid('hold-item')).first();
    await hold.waitFor();
    const holdId = (await hold.getAttribute('data-hold-id'))!;
    await hold.locator(tid('hold-release-ask')).click();
    expect(await hold.locator(tid('hold-release-question')).textContent()).toContain('Release the hold on');
    // Nothing was released by the first tap.
    expect((await serverRecords(world.server, 'holds')).find((h) => h.id === holdId)!.value.status).toBe('open');
    await hold.locator(tid('hold-release-confirm')).click();
    await p.locator(tid('hold-result')).waitFor();
    expect(await p.locator(tid('hold-result')).textContent()).toContain('released');
    await expect
      .poll(async () => (await serverRecords(world.server, 'holds')).find((h) => h.id === holdId)!.value.status, { timeout: 30_000 })
      .toBe('released');
  });

  it('[A1][A3] a tablet revoked in the console is refused by the server, says so, and keeps its outbox', async () => {
    const p = consolePage!;
    await p.locator(tid('console-tab-devices')).click();
    const row = p.locator(`${tid('device-row')}:has-text("Mill tablet 2")`);
    await row.locator(tid('device-revoke')).click();
    await row.locator(tid('device-revoke-confirm')).click();
    await p.locator(`${tid('device-row')}[data-revoked="true"]:has-text("Mill tablet 2")`).waitFor();

    const { page } = second;
    await page.locator(tid('status-back')).click();
    await page.locator(tid('station-screen')).waitFor();
    await addNote(page, 'Written after the revocation');
    await page.locator(tid('device-revoked')).waitFor();
    expect(await outboxRows(page)).toBe(1);
    expect((await serverRecords(world.server, 'notes')).filter((n) => n.value.text === 'Written after the revocation')).toHaveLength(0);
  });

  it('no page threw an uncaught error', () => {
    expect(world.pageErrors.flat()).toEqual([]);
  });
}, 180_000);
