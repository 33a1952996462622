import { afterEach, describe, expect, it } from 'vitest';
import { pullJson } from '../../server/sync/pull';
import type { Principal } from '../../server/sync/principal';
import { makeHarness, STORES, type Harness } from './harness';

/** L4: a pull from cursor 0 says how many records the whole download brings, so the first sync shows progress. */
describe.each(STORES)('pull total (%s)', (store) => {
  let h: Harness;
  afterEach(async () => h.close());

  it('[S6] the first page from cursor 0 carries the total; the pages add up to it; later pages carry none', async () => {
    h = await makeHarness({ store });
    const { deviceId } = await h.enroll(['st-mill-1']);
    const principal: Principal = { kind: 'device', deviceId, stationIds: ['st-mill-1'] };
    const first = JSON.parse(await pullJson(h.store, principal, { clientId: 'client-total-1', cursor: 0, pageSize: 10 }));
    expect(first.more).toBe(true);
    expect(first.total).toBeGreaterThan(10);
    let received = first.changes.length as number;
    let page = first;
    while (page.more) {
      page = JSON.parse(await pullJson(h.store, principal, { clientId: 'client-total-1', cursor: page.cursor, pageSize: 10 }));
      expect(page.total).toBeUndefined();
      received += page.changes.length;
    }
    expect(received).toBe(first.total);
    // The console (whole plant, audit links too) gets its own total.
    const all = JSON.parse(
      await pullJson(
        h.store,
        { kind: 'console', deviceId: 'console', userId: 'u-coordinator', role: 'coordinator' },
        { clientId: 'console-total-1', cursor: 0, pageSize: 10 },
      ),
    );
    expect(all.total).toBeGreaterThan(first.total);
  });
});
