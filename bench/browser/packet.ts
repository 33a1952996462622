// The page side of the packet figure (6): the app's real packet code (app/documents) against the
// bench's blob server, and its floors: the same bytes written into the same storage by bare code.
import { openDatabase, setMeta } from '../../app/db';
import { openBlobStore } from '../../app/documents/blob-store';
import { createPacket } from '../../app/documents/packet';

export interface PacketDoc {
  id: string;
  sha256: string;
  bytes: number;
}

const META = { version: 1, updatedAt: '2026-12-01T06:00:00.000Z' };

/** Puts a station, one work order at it and a released traveler listing every document into the replica. */
async function packetSetup(docs: PacketDoc[], token: string): Promise<void> {
  const db = await openDatabase('floorboard');
  await setMeta(db, 'stationIds', ['st-bench']);
  await setMeta(db, 'token', token);
  await db.entity('operations').put({
    id: 'op-bench',
    workOrderId: 'wo-bench',
    seq: 10,
    stationId: 'st-bench',
    name: 'Bench',
    idealCycleSeconds: 60,
    status: 'pending',
    good: 0,
    scrap: 0,
    lastChange: null,
    ...META,
  });
  await db.entity('documents').bulkPut(
    docs.map((d) => ({
      id: d.id,
      number: `DWG-${d.id}`,
      title: d.id,
      revision: 'A',
      status: 'released' as const,
      contentType: 'application/pdf' as const,
      sha256: d.sha256,
      bytes: d.bytes,
      releasedAt: META.updatedAt,
      releasedBy: 'u-bench',
      stationIds: ['st-bench'],
      ...META,
    })),
  );
  await db.entity('travelers').put({
    id: 't-bench',
    workOrderId: 'wo-bench',
    barcode: 'FB1|wo-bench|1|A',
    revision: 'A',
    status: 'released',
    documentIds: docs.map((d) => d.id),
    flags: [],
    notes: '',
    releasedAt: META.updatedAt,
    releasedBy: 'u-bench',
    stationIds: ['st-bench'],
    ...META,
  });
  db.close();
}

/** The packet's download of every file, timed from run() to its end; checks all arrived. */
async function packetRun(): Promise<{ ms: number; files: number; bytes: number }> {
  const db = await openDatabase('floorboard');
  const packet = createPacket({ db, blobs: await openBlobStore('floorboard'), baseUrl: '' });
  const t0 = performance.now();
  const s = await packet.run();
  const ms = performance.now() - t0;
  db.close();
  if (s.lastError || s.filesDone !== s.filesTotal || Object.keys(s.failed).length)
    throw new Error(`packet incomplete: ${JSON.stringify({ ...s, held: s.held.size })}`);
  return { ms, files: s.filesDone, bytes: s.bytesDone };
}

let inMemory: ArrayBuffer[] = [];

/** Diagnostic: the same GETs alone (three at a time, bodies read, nothing kept), and sha256 of the files in memory. */
async function packetParts(docs: PacketDoc[], token: string): Promise<{ fetchMs: number; hashMs: number }> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < docs.length) await (await fetch(`/api/blobs/${docs[next++]!.sha256}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  };
  await Promise.all([worker(), worker(), worker()]);
  const fetchMs = performance.now() - t0;
  const t1 = performance.now();
  for (const b of inMemory) await crypto.subtle.digest('SHA-256', b);
  return { fetchMs, hashMs: performance.now() - t1 };
}

/** Fetches the files into memory (not timed), for the floors. */
async function packetLoad(docs: PacketDoc[], token: string): Promise<void> {
  inMemory = [];
  for (const d of docs) inMemory.push(await (await fetch(`/api/blobs/${d.sha256}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
}

/**
 * The floor: the in-memory files written into a plain IndexedDB object store (out-of-line keys),
 * one readwrite transaction of put()s, relaxed durability as the packet's, until `complete`.
 */
function packetFloorIdb(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('files');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const t0 = performance.now();
      const tx = req.result.transaction('files', 'readwrite', { durability: 'relaxed' });
      for (const [i, b] of inMemory.entries()) tx.objectStore('files').put(b, i);
      tx.oncomplete = () => {
        const ms = performance.now() - t0;
        req.result.close();
        resolve(ms);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Diagnostic: the floor with the files as Blobs made from the bytes in memory (Blob creation timed too). */
function packetFloorIdbBlobs(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('files');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const t0 = performance.now();
      const tx = req.result.transaction('files', 'readwrite', { durability: 'relaxed' });
      for (const [i, b] of inMemory.entries()) tx.objectStore('files').put(new Blob([b]), i);
      tx.oncomplete = () => {
        const ms = performance.now() - t0;
        req.result.close();
        resolve(ms);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** For the choice of storage: the same files into Cache Storage, one put() each, all at once. */
async function packetFloorCache(name: string): Promise<number> {
  const cache = await caches.open(name);
  const t0 = performance.now();
  await Promise.all(inMemory.map((b, i) => cache.put(`/bench-file/${i}`, new Response(b))));
  return performance.now() - t0;
}

export const packetApi = { packetSetup, packetRun, packetLoad, packetFloorIdb, packetFloorIdbBlobs, packetFloorCache, packetParts };
