import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createApp } from '../../../server/app';
import { createDevice } from '../../../server/auth/devices';
import { createSqliteStore } from '../../../server/store/sqlite';
import { toRecordWrite } from '../../../server/sync/records';
import type { EntityName } from '../../../shared/schema';
import { LEAD, LEAD_SECRETS, makePlant } from './plant';

type Rec = Record<string, unknown>;

const open = new Set<{ close(): Promise<void> }>();
// Every test file that makes servers closes them (and removes their files) when it is done.
afterAll(async () => {
  for (const s of open) await s.close();
  open.clear();
});

/**
 * The real server (createApp + SQLite on a temp file, with the tiny plant of plant.ts) behind a
 * fake network for the app's sync unit tests (STYLE habit 7): `fetch` is the wire. It logs each
 * request and can fail the next one like a dropped connection; everything the tablet gets back is
 * the server's own answer.
 */
export async function createTestServer() {
  const dir = mkdtempSync(join(tmpdir(), 'fb-unit-'));
  const store = await createSqliteStore({ file: join(dir, 'floorboard.sqlite') });
  let t = Date.parse('2026-01-05T07:00:00.000Z');
  const clock = { now: () => t };
  await store.transaction(async (tx) => {
    const version = await tx.nextVersion();
    const now = new Date(t).toISOString();
    await tx.putRecordsUnaudited(makePlant().map((r) => toRecordWrite(r.entity, r.value, version, now)));
    await tx.setProofKey(LEAD.id, LEAD_SECRETS.proofKey);
  });
  const app = createApp({ store, clock });
  const read = async (entity: EntityName, id: string) => {
    const r = await store.getRecord(entity, id);
    return r && !r.deleted ? (JSON.parse(r.value) as Rec) : undefined;
  };

  const server = {
    store,
    clock,
    /** Method and path of every request that reached the wire. */
    requests: [] as string[],
    /**
     * `network`: the next request fails as a dropped connection, before it reaches the server;
     * `{ status, body }`: something on the wire (a broken proxy) answers it instead of the server.
     */
    override: null as null | 'network' | { status: number; body: unknown },
    /** Advances the server's clock (the tablets keep their own). */
    advance: (ms: number) => void (t += ms),
    fetch: async (input: string, init?: RequestInit): Promise<Response> => {
      const url = new URL(input, 'http://fb.test');
      server.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const override = server.override;
      server.override = null;
      if (override === 'network') throw new TypeError('fetch failed');
      if (override) return new Response(JSON.stringify(override.body), { status: override.status, headers: { 'content-type': 'application/json' } });
      return app.request(`${url.pathname}${url.search}`, init);
    },
    /** A record as the server stores it. */
    get: read,
    /** Every mutation the server processed, in the order it did (from its audit). */
    async applied(): Promise<{ clientId: string; id: number; outcome: string; code: string | null }[]> {
      const rows = await store.auditEntries(0, 1_000_000);
      return rows.map((r) => {
        const e = JSON.parse(r.entry) as { clientId: string; mutationId: number; outcome: string; code: string | null };
        return { clientId: e.clientId, id: e.mutationId, outcome: e.outcome, code: e.code };
      });
    },
    /** A device at stations s1 and s2 and its one-time enrollment code (A1). */
    newDevice: (name = 'Lathe tablet') => createDevice(store, clock, name, ['s1', 's2']),
    /** `n` plant-wide records, each its own change, so a pull of them spans pages (S6). */
    async addFiller(n: number) {
      await store.transaction(async (tx) => {
        const first = await tx.reserveVersions(n);
        const now = new Date(t).toISOString();
        const rows = Array.from({ length: n }, (_, i) =>
          toRecordWrite('reasonCodes', { id: `filler-${first + i}`, code: `F${first + i}`, kind: 'downtime-unplanned', label: 'filler' }, first + i, now),
        );
        await tx.putRecordsUnaudited(rows);
      });
    },
    async close() {
      open.delete(server);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.add(server);
  return server;
}

export type TestServer = Awaited<ReturnType<typeof createTestServer>>;
