import { randomBytes } from 'node:crypto';
import { sha256Of, startBlobServer } from '../../test/support/documents';
import { openBenchPage } from '../lib/browser';

export interface PacketRun {
  packetMs: number;
  /** The same bytes, in memory, into a plain IndexedDB store in one transaction. */
  floorMs: number;
  /** Diagnostic for the choice of storage: the same bytes into Cache Storage. */
  cacheFloorMs: number;
  /** Diagnostic: the floor with Blob values. */
  blobFloorMs: number;
  /** Diagnostics: the GETs alone, and sha256 of the bytes alone. */
  fetchMs: number;
  hashMs: number;
  files: number;
  bytes: number;
}

const TOKEN = 'bench-device-token';

/**
 * One run of figure 6: a fresh profile whose replica lists `files` released documents of
 * `totalBytes` in all (random bytes: nothing compresses) for its station; the app's packet
 * downloads, verifies and stores them from a real HTTP server on loopback serving
 * `GET /api/blobs/:sha256` as the sync server does. The floors run in the same profile, before
 * or after it (`floorFirst`).
 */
export async function packetRun(opts: { files: number; totalBytes: number; floorFirst: boolean }): Promise<PacketRun> {
  const size = Math.floor(opts.totalBytes / opts.files);
  const bodies = new Map<string, Uint8Array>();
  const docs = Array.from({ length: opts.files }, (_, i) => {
    const b = new Uint8Array(randomBytes(size));
    const sha256 = sha256Of(b);
    bodies.set(sha256, b);
    return { id: `doc-${i}`, sha256, bytes: b.byteLength };
  });
  const server = await startBlobServer(bodies, TOKEN);
  const b = await openBenchPage(server.url);
  try {
    await b.call('packetSetup', docs, TOKEN);
    const floors = async () => {
      await b.call('packetLoad', docs, TOKEN);
      return {
        idb: await b.call('packetFloorIdb', 'bench-packet-floor'),
        blobs: await b.call('packetFloorIdbBlobs', 'bench-packet-floor-blobs'),
        cache: await b.call('packetFloorCache', 'bench-packet-floor'),
      };
    };
    const before = opts.floorFirst ? await floors() : undefined;
    const run = await b.call('packetRun');
    const f = before ?? (await floors());
    const parts = await b.call('packetParts', docs, TOKEN);
    return { packetMs: run.ms, floorMs: f.idb, cacheFloorMs: f.cache, blobFloorMs: f.blobs, ...parts, files: run.files, bytes: run.bytes };
  } finally {
    await b.close();
    await server.close();
  }
}
