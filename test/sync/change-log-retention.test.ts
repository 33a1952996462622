import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, type EntityName } from '../../shared/schema';
import type { Change, PullResponse } from '../../shared/protocol';
import { verifyAudit } from '../../server/audit/verify';
import { purgeChangeLog } from '../../server/sync/retention';
import { removeRecords } from '../server/tombstones';
import { makeRealServer, makeRealTablet, type RealServer } from './fakes/real-server-tablet';

const OP = 'u-op-nguyen'; // operator at st-mill-1
const STATION = 'st-mill-1';
const DAY = 86_400_000;
type Tablet = Awaited<ReturnType<typeof makeRealTablet>>;

/** What the server holds for a tablet: every record its token may pull from 0, by entity/id → version. */
async function serverView(s: RealServer, token: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let cursor = 0; ; ) {
    const res = await s.fetch(`http://fb.test/api/sync/pull?clientId=view-${token.slice(0, 8)}&cursor=${cursor}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as Exclude<PullResponse, { reset: true }>;
    for (const c of page.changes as Change[]) if (!c.deleted) out.set(`${c.entity}/${c.id}`, c.version);
    cursor = page.cursor;
    if (!page.more) return out;
  }
}

async function replica(t: Tablet): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const e of ENTITY_NAMES as EntityName[]) {
    for (const r of (await t.db.table(e).toArray()) as { id: string; version: number }[]) out.set(`${e}/${r.id}`, r.version);
  }
  return out;
}

describe('a tablet and the retained change log (D4) against the real server', () => {
  let server: RealServer;
  const tablets: Tablet[] = [];
  afterEach(async () => {
    for (const t of tablets.splice(0)) t.client.stop();
    await server.close();
  });

  it('[S6][D4] a tablet whose cursor predates the purge is reset, resyncs from 0 keeping its outbox, and ends equal to the server; one after it pulls a normal page', async () => {
    server = await makeRealServer();
    // Every pull each tablet sends, to tell a reset's pull from 0 from a normal page.
    const pulls: string[] = [];
    const spied = Object.create(server, {
      fetch: { value: (url: string, init?: RequestInit) => (url.includes('/api/sync/pull') && pulls.push(url), server.fetch(url, init)) },
    }) as RealServer;
    const away = await makeRealTablet(spied, [STATION]);
    const near = await makeRealTablet(spied, [STATION]);
    tablets.push(away, near);
    expect((await away.client.syncNow()).lastError).toBeNull();
    await away.client.mutate('addNote', { id: 'n-gone', stationId: STATION, text: 'to be removed' }, OP);
    expect((await away.client.syncNow()).lastError).toBeNull();
    expect((await near.client.syncNow()).lastError).toBeNull();
    expect(await near.db.table('notes').get('n-gone')).toBeDefined();

    await removeRecords(server.store, server.clock, [{ entity: 'notes', id: 'n-gone' }]);
    // `near` syncs the deletion; `away` is in a dead zone and queues work meanwhile.
    expect((await near.client.syncNow()).lastError).toBeNull();
    expect(await near.db.table('notes').get('n-gone')).toBeUndefined();
    await away.client.mutate('addNote', { id: 'n-offline', stationId: STATION, text: 'written offline' }, OP);

    server.clock.advance(31 * DAY);
    expect((await purgeChangeLog(server.store, server.clock)).purged).toBe(1);

    pulls.length = 0;
    const s = await away.client.syncNow();
    expect(s).toMatchObject({ lastError: null, pending: 0 });
    // The reset made it pull again from 0: the deletion it missed cannot linger.
    expect(pulls.some((u) => u.includes('cursor=0'))).toBe(true);
    expect(await away.db.table('notes').get('n-gone')).toBeUndefined();
    expect(await away.db.table('notes').get('n-offline')).toBeDefined();
    expect(await replica(away)).toEqual(await serverView(server, away.token));

    pulls.length = 0;
    expect((await near.client.syncNow()).lastError).toBeNull();
    expect(pulls.length).toBe(1);
    expect(pulls[0]).not.toContain('cursor=0');
    expect(await replica(near)).toEqual(await serverView(server, near.token));

    const report = await verifyAudit(server.store);
    expect(report.ok).toBe(true);
  });
});
