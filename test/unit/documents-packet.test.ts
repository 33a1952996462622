import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, setMeta, type FloorboardDB } from '../../app/db';
import { openBlobStore, type BlobStore } from '../../app/documents/blob-store';
import { neededBlobs, sha256Hex } from '../../app/documents/need';
import { createPacket } from '../../app/documents/packet';
import { makeDocument, makeOperation, makeTraveler, minimalPdf, sha256Of, startBlobServer, type BlobServer } from '../support/documents';

const TOKEN = 'device-token-1';
const bytesOf = (s: string) => new TextEncoder().encode(s);
const FILES = { a: bytesOf('# Setup sheet A\n'), b: minimalPdf(1), c: bytesOf('# Old setup sheet\n'), d: bytesOf('# Other station\n') };
const SHA = Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, sha256Of(v)])) as Record<keyof typeof FILES, string>;

describe('neededBlobs (T3)', () => {
  const ops = [makeOperation({ id: 'op1', workOrderId: 'wo1', stationId: 'st1' }), makeOperation({ id: 'op2', workOrderId: 'wo2', stationId: 'st2' })];
  const docs = [
    makeDocument({ id: 'd-a', sha256: SHA.a, bytes: 1 }),
    makeDocument({ id: 'd-b', sha256: SHA.b, bytes: 2 }),
    makeDocument({ id: 'd-c', sha256: SHA.c, bytes: 3, status: 'superseded' }),
    makeDocument({ id: 'd-d', sha256: SHA.d, bytes: 4 }),
    makeDocument({ id: 'd-a2', number: 'DWG-copy', sha256: SHA.a, bytes: 1 }),
  ];
  it.each([
    {
      name: 'the released traveler of a work order at the station',
      travelers: [makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-a', 'd-b'] })],
      want: [SHA.a, SHA.b],
    },
    {
      name: 'nothing of a superseded traveler',
      travelers: [makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-a'], status: 'superseded' })],
      want: [],
    },
    { name: 'nothing of a superseded document', travelers: [makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-c', 'd-b'] })], want: [SHA.b] },
    { name: "nothing of another station's work order", travelers: [makeTraveler({ id: 't2', workOrderId: 'wo2', documentIds: ['d-d'] })], want: [] },
    {
      name: 'one file for two documents with the same bytes',
      travelers: [makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-a', 'd-a2'] })],
      want: [SHA.a],
    },
    { name: 'nothing for a document the replica lacks', travelers: [makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-missing'] })], want: [] },
  ])('[T3] keeps $name', ({ travelers, want }) => {
    expect([...neededBlobs(['st1'], ops, travelers, docs).keys()].sort()).toEqual([...want].sort());
  });

  it('hashes like node:crypto', async () => {
    expect(await sha256Hex(FILES.b.slice().buffer)).toBe(SHA.b);
  });
});

describe('the offline packet against a real HTTP server (T3, L4)', () => {
  let n = 0;
  let server: BlobServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function tablet(): Promise<{ db: FloorboardDB; blobs: BlobStore }> {
    const db = await openDatabase(`packet-${++n}`);
    await setMeta(db, 'stationIds', ['st1']);
    await setMeta(db, 'token', TOKEN);
    await db
      .entity('operations')
      .bulkPut([makeOperation({ id: 'op1', workOrderId: 'wo1', stationId: 'st1' }), makeOperation({ id: 'op2', workOrderId: 'wo2', stationId: 'st2' })]);
    await db
      .entity('documents')
      .bulkPut([
        makeDocument({ id: 'd-a', sha256: SHA.a, bytes: FILES.a.byteLength, contentType: 'text/markdown' }),
        makeDocument({ id: 'd-b', sha256: SHA.b, bytes: FILES.b.byteLength }),
        makeDocument({ id: 'd-d', sha256: SHA.d, bytes: FILES.d.byteLength, contentType: 'text/markdown' }),
      ]);
    await db
      .entity('travelers')
      .bulkPut([
        makeTraveler({ id: 't1', workOrderId: 'wo1', documentIds: ['d-a', 'd-b'] }),
        makeTraveler({ id: 't2', workOrderId: 'wo2', documentIds: ['d-d'] }),
      ]);
    return { db, blobs: await openBlobStore(db.name) };
  }
  const files = () => new Map(Object.values(FILES).map((f) => [sha256Of(f), f]));

  it("[T3] downloads the station's files with the device token, verified, and reports progress", async () => {
    const { db, blobs } = await tablet();
    server = await startBlobServer(files(), TOKEN);
    const packet = createPacket({ db, blobs, baseUrl: server.url });
    const seen: number[] = [];
    packet.subscribe((s) => seen.push(s.filesDone));
    const s = await packet.run();
    expect(s).toMatchObject({ running: false, lastError: null, filesTotal: 2, filesDone: 2, bytesTotal: FILES.a.byteLength + FILES.b.byteLength, failed: {} });
    expect(s.bytesDone).toBe(s.bytesTotal);
    expect(s.bytesHeld).toBe(s.bytesTotal);
    expect([...s.held].sort()).toEqual([SHA.a, SHA.b].sort());
    expect(server.served.sort()).toEqual([SHA.a, SHA.b].sort());
    expect(seen).toContain(1);
    expect(new Uint8Array(await (await blobs.get(SHA.b))!.data.arrayBuffer())).toEqual(FILES.b);
    // A second run finds nothing to fetch.
    await packet.run();
    expect(server.served).toHaveLength(2);
  });

  it('[T3] refuses a blob whose bytes do not hash to its sha256 and keeps nothing of it', async () => {
    const { db, blobs } = await tablet();
    const bodies = files();
    bodies.set(SHA.b, bytesOf('<html>captive portal</html>'));
    server = await startBlobServer(bodies, TOKEN);
    const s = await createPacket({ db, blobs, baseUrl: server.url }).run();
    expect(s.failed).toEqual({ [SHA.b]: 'sha256-mismatch' });
    expect(s.filesDone).toBe(1);
    expect(s.held.has(SHA.b)).toBe(false);
    expect(await blobs.get(SHA.b)).toBeUndefined();
    expect((await blobs.held()).map((h) => h.sha256)).toEqual([SHA.a]);
  });

  it('[T3] drops the files of a superseded traveler or document', async () => {
    const { db, blobs } = await tablet();
    server = await startBlobServer(files(), TOKEN);
    const packet = createPacket({ db, blobs, baseUrl: server.url });
    await packet.run();
    await db.entity('documents').update('d-a', { status: 'superseded' });
    let s = await packet.run();
    expect([...s.held]).toEqual([SHA.b]);
    expect(await blobs.get(SHA.a)).toBeUndefined();
    await db.entity('travelers').update('t1', { status: 'superseded' });
    s = await packet.run();
    expect(s).toMatchObject({ filesTotal: 0, filesDone: 0, bytesHeld: 0 });
    expect(await blobs.held()).toEqual([]);
  });

  it('[T3] stops when the network goes and resumes where it was', async () => {
    const { db, blobs } = await tablet();
    const bodies = files();
    server = await startBlobServer(bodies, TOKEN);
    const port = Number(new URL(server.url).port);
    // Offline from the start: nothing is kept, the run says why.
    await server.close();
    const packet = createPacket({ db, blobs, baseUrl: server.url, concurrency: 1 });
    let s = await packet.run();
    expect(s).toMatchObject({ lastError: 'offline', filesDone: 0, running: false });
    // Back online with only one file reachable, then the rest.
    bodies.delete(SHA.b);
    server = await startBlobServer(bodies, TOKEN, port);
    s = await packet.run();
    expect(s).toMatchObject({ lastError: null, filesDone: 1, failed: { [SHA.b]: 'not-found' } });
    bodies.set(SHA.b, FILES.b);
    s = await packet.run();
    expect(s).toMatchObject({ lastError: null, filesDone: 2, failed: {} });
    expect(server.served.filter((x) => x === SHA.a)).toHaveLength(1);
  });

  it('[T3] a full disk stops the download, keeps what was stored and says so', async () => {
    const { db, blobs } = await tablet();
    server = await startBlobServer(files(), TOKEN);
    let puts = 0;
    // The real store, whose second write finds the disk full (as IndexedDB reports it).
    const full = {
      ...blobs,
      put: async (b: Parameters<BlobStore['put']>[0]) => {
        if (++puts > 1) throw new DOMException('disk full', 'QuotaExceededError');
        await blobs.put(b);
      },
    };
    const s = await createPacket({ db, blobs: full, baseUrl: server.url, concurrency: 1 }).run();
    expect(s).toMatchObject({ running: false, lastError: 'storage-full', filesDone: 1, filesTotal: 2 });
    expect(await blobs.held()).toHaveLength(1);
  });

  it('a wrong token keeps nothing and fetches again next time', async () => {
    const { db, blobs } = await tablet();
    await setMeta(db, 'token', 'stale');
    server = await startBlobServer(files(), TOKEN);
    const s = await createPacket({ db, blobs, baseUrl: server.url }).run();
    expect(s.failed).toEqual({ [SHA.a]: 'refused', [SHA.b]: 'refused' });
    expect(await blobs.held()).toEqual([]);
  });
});
