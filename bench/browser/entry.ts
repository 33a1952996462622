// The page side of the benchmarks: the real tablet db (Dexie) and sync client, plus the raw
// IndexedDB floors. Bundled by bench/lib/bundle.ts and driven from Node via page.evaluate.
import { currentEntityStores, openDatabase, restoreImages, type FloorboardDB } from '../../app/db';
import { createSyncClient, enrollDevice, type SyncClient, type SyncStatus } from '../../app/sync';
import type { MutationCall } from '../../shared/domain/mutators';
import { MAX_PUSH_MUTATIONS, PROTOCOL_VERSION } from '../../shared/protocol';
import { packetApi } from './packet';

type Rec = Record<string, unknown> & { id: string };

let db: FloorboardDB | null = null;
let client: SyncClient | null = null;
/** Records of one pull, per entity, kept in memory for the raw-write floor. */
let records = new Map<string, Rec[]>();
let online = { at: 0 };

performance.setResourceTimingBufferSize(100_000);

/** Network phases of the sync requests since `from` (Resource Timing), summed per kind. */
function requestTimings(from: number) {
  const out = { pulls: 0, pullMs: 0, pullWaitMs: 0, pushes: 0, pushMs: 0, pushWaitMs: 0, bytes: 0, firstStart: 0, lastEnd: 0, gapsMs: 0 };
  let prevEnd = 0;
  for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (e.startTime < from) continue;
    const kind = e.name.includes('/api/sync/pull') ? 'pull' : e.name.includes('/api/sync/push') ? 'push' : null;
    if (!kind) continue;
    // Client time: before the first request, between requests, after the last one.
    if (!out.firstStart) out.firstStart = e.startTime - from;
    else out.gapsMs += Math.max(0, e.startTime - prevEnd);
    prevEnd = e.responseEnd;
    out.lastEnd = e.responseEnd - from;
    const total = e.responseEnd - e.startTime;
    // requestStart..responseStart: the server's work plus one loopback round trip.
    const wait = e.responseStart - e.requestStart;
    out.bytes += e.encodedBodySize;
    if (kind === 'pull') out.pulls++, (out.pullMs += total), (out.pullWaitMs += wait);
    else out.pushes++, (out.pushMs += total), (out.pushWaitMs += wait);
  }
  return out;
}

async function open(): Promise<FloorboardDB> {
  db ??= await openDatabase('floorboard');
  return db;
}

async function signIn(password: string): Promise<void> {
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password }),
  });
  if (!res.ok) throw new Error(`sign-in ${res.status} ${await res.text()}`);
}

async function enroll(code: string) {
  const r = await enrollDevice(await open(), '', code);
  if (!r.ok) throw new Error(`enroll: ${r.code} ${r.message}`);
  return r;
}

/**
 * Pulls everything the caller may see with a throwaway clientId (no server state changes) and
 * keeps the records in memory: the input of the raw-write floor. Also times JSON.parse alone.
 */
async function loadRecords(token?: string, from = 0) {
  records = new Map();
  const clientId = `bench-floor-${crypto.randomUUID()}`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let cursor = from;
  let parseMs = 0;
  let count = 0;
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}`, { headers, credentials: token ? 'omit' : 'same-origin' });
    if (!res.ok) throw new Error(`pull ${res.status}`);
    const text = await res.text();
    const t = performance.now();
    const body = JSON.parse(text) as { cursor: number; more: boolean; changes: { entity: string; value: Rec | null }[] };
    parseMs += performance.now() - t;
    for (const c of body.changes) {
      if (!c.value) continue;
      let list = records.get(c.entity);
      if (!list) records.set(c.entity, (list = []));
      list.push(c.value);
      count++;
    }
    cursor = body.cursor;
    if (!body.more) break;
  }
  const perEntity = Object.fromEntries([...records].map(([k, v]) => [k, v.length]));
  return { count, parseMs, perEntity };
}

/** The records in memory put() into `idb` in ONE readwrite transaction, timed until `complete`; closes `idb`. */
async function timedPuts(idb: IDBDatabase, entities: string[]) {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(entities, 'readwrite');
    for (const e of entities) {
      const store = tx.objectStore(e);
      for (const r of records.get(e)!) store.put(r);
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
  const ms = performance.now() - t0;
  idb.close();
  return { ms };
}

/**
 * The floor: the same records written into plain IndexedDB, one object store per entity (keyPath
 * `id`), all in ONE readwrite transaction of put()s. `indexes` adds the app's secondary indexes.
 */
async function rawWrite(name: string, indexes: boolean) {
  const spec = currentEntityStores();
  const entities = [...records.keys()];
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const e of entities) {
        const store = req.result.createObjectStore(e, { keyPath: 'id' });
        if (!indexes) continue;
        for (const idx of (spec[e] ?? 'id').split(',').slice(1)) store.createIndex(idx, idx);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return timedPuts(idb, entities);
}

/**
 * The records in memory written with raw IndexedDB put()s into the tablet's own database, as it
 * is (every record already there, the app's indexes): the floor of a pull page's write on a
 * tablet that holds its station. Harmless when the records are the server's values it holds.
 */
async function rawRewrite() {
  const entities = [...records.keys()];
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('floorboard');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return timedPuts(idb, entities);
}

/** The measured initial sync: the real client's push-then-pull pass on a fresh replica. */
async function initialSync(kind: 'console' | 'device') {
  const d = await open();
  const c = createSyncClient({ db: d, baseUrl: '', auth: { kind }, eventSource: false });
  const t0 = performance.now();
  const status = await c.syncNow();
  const ms = performance.now() - t0;
  const operations = await d.table('operations').count();
  return { ms, operations, status, net: requestTimings(t0) };
}

/** Operation ids at one station in the replica, in id order. */
async function stationOperations(stationId: string): Promise<string[]> {
  const d = await open();
  const ops = (await d.table('operations').where('stationId').equals(stationId).toArray()) as { id: string; status: string }[];
  return ops
    .filter((o) => o.status === 'pending')
    .map((o) => o.id)
    .sort();
}

/** start + reportQuantity + addNote + complete on each operation: four mutations an operation. */
function mutationPlan(opIds: string[], stationId: string, tag: string) {
  const plan: MutationCall[] = [];
  opIds.forEach((operationId, i) => {
    plan.push({ name: 'startOperation', args: { operationId } });
    plan.push({ name: 'reportQuantity', args: { id: `qr-${tag}-${i}`, operationId, good: 1 + (i % 7), scrap: 0 } });
    plan.push({ name: 'addNote', args: { id: `note-${tag}-${i}`, stationId, text: `Bench note ${i}: coolant topped up, first piece OK.` } });
    plan.push({ name: 'completeOperation', args: { operationId } });
  });
  return plan;
}

/** Starts the real client (online/visibility listeners, timers; no SSE) for the offline flush. */
async function startClient() {
  const d = await open();
  client = createSyncClient({ db: d, baseUrl: '', auth: { kind: 'device' }, eventSource: false });
  window.addEventListener('online', () => (online.at = performance.now()));
  client.start();
  await client.syncNow();
  return client.status();
}

/** One pass of the started client (before going offline: the warm-up's records come in). */
async function syncNow(): Promise<SyncStatus> {
  return client!.syncNow();
}

/** Queues mutations through client.mutate (the network is offline meanwhile); not timed. */
async function queue(opIds: string[], stationId: string, actorId: string) {
  const c = client!;
  online = { at: 0 };
  const plan = mutationPlan(opIds, stationId, 'q');
  const t0 = performance.now();
  let notApplied = 0;
  for (const m of plan) if ((await c.mutate(m.name, m.args, actorId)).outcome !== 'applied') notApplied++;
  const pending = await db!.outbox.count();
  // Before-images the pull's rebase reverts (less those the pulled page overwrites anyway).
  const images = await db!.beforeImages.count();
  return { queued: plan.length, notApplied, pending, images, queueMs: performance.now() - t0, status: c.status() };
}

/**
 * Diagnostic: how long restoring every before-image of the queued outbox takes with app/db's
 * restoreImages (the rebase's revert, without skipping what the page overwrites; the flush's own
 * rebase reads none of them when the pull overwrites every record they cover). Rolled back.
 */
async function timeRevert() {
  const d = await open();
  let ms = 0;
  try {
    await d.transaction('rw', d.tables, async () => {
      const images = await d.beforeImages.toArray();
      const t0 = performance.now();
      await restoreImages(d, images);
      ms = performance.now() - t0;
      throw new Error('rollback');
    });
  } catch (e) {
    if (!(e instanceof Error) || e.message !== 'rollback') throw e;
  }
  return { ms };
}

/** Resolves once the outbox is empty and a pass has finished after the network came back. */
function waitFlushed(timeoutMs: number) {
  const c = client!;
  return new Promise<{ ms: number; status: SyncStatus; net: ReturnType<typeof requestTimings> }>((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`not flushed in ${timeoutMs} ms: ${JSON.stringify(c.status())}`))), timeoutMs);
    const off = c.subscribe((s) => {
      if (!online.at || s.syncing || s.pending !== 0 || s.lastError) return;
      const ms = performance.now() - online.at;
      clearTimeout(timer);
      queueMicrotask(off);
      resolve({ ms, status: s, net: requestTimings(online.at) });
    });
  });
}

/** What the replica holds after the flush: the server's answers to the queued work. */
async function verifyFlush(opIds: string[]) {
  const d = await open();
  const ops = (await d.table('operations').bulkGet(opIds)) as ({ status: string; version: number } | undefined)[];
  return {
    completed: ops.filter((o) => o?.status === 'completed').length,
    serverStamped: ops.filter((o) => (o?.version ?? 0) > 0).length,
    rejections: await d.table('rejections').count(),
    conflicts: await d.table('conflicts').count(),
    outbox: await d.outbox.count(),
  };
}

/** The floor of the flush: the same kind of pushes, bare fetch, no pull, no Dexie. */
async function rawPush(token: string, opIds: string[], stationId: string, actorId: string, tag = 'raw') {
  const clientId = `bench-rawpush-${crypto.randomUUID()}`;
  const at = new Date().toISOString();
  const all = mutationPlan(opIds, stationId, tag).map((m, i) => ({ id: i + 1, ...m, actorId, at }));
  const t0 = performance.now();
  let applied = 0;
  for (let i = 0; i < all.length; i += MAX_PUSH_MUTATIONS) {
    const res = await fetch('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: PROTOCOL_VERSION, clientId, mutations: all.slice(i, i + MAX_PUSH_MUTATIONS) }),
      credentials: 'omit',
    });
    const body = (await res.json()) as { results: { outcome: string }[] };
    applied += body.results.filter((r) => r.outcome === 'applied').length;
  }
  return { ms: performance.now() - t0, pushed: all.length, applied };
}

async function token(): Promise<string> {
  const row = await (await open()).meta.get('token');
  return row?.value as string;
}

/** The replica's pull cursor (before going offline: where the flush's own pull starts). */
async function cursor(): Promise<number> {
  const row = await (await open()).meta.get('cursor');
  return (row?.value as number | undefined) ?? 0;
}

const api = {
  signIn,
  enroll,
  loadRecords,
  rawWrite,
  rawRewrite,
  initialSync,
  stationOperations,
  startClient,
  syncNow,
  queue,
  timeRevert,
  waitFlushed,
  verifyFlush,
  rawPush,
  token,
  cursor,
  ...packetApi,
};
export type BenchApi = typeof api;
(window as unknown as { bench: BenchApi }).bench = api;
document.title = 'bench-ready';
