import { getMeta, type FloorboardDB } from '../db';
import type { BlobStore } from './blob-store';
import { readNeededBlobs, sha256Hex, type NeededBlob } from './need';

/** Why one file was not kept; it is tried again on the next run. */
export type BlobFailure = 'sha256-mismatch' | 'not-found' | 'refused';
/** Why a run stopped before the end: it resumes from where it was on the next run. */
export type PacketError = 'offline' | 'not-enrolled' | 'storage-full';

/** L4: what the tablet shows of its offline packet. */
export interface PacketState {
  running: boolean;
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  /** The bytes of every file held, needed or not yet dropped. */
  bytesHeld: number;
  /** The sha256 of every file held. */
  held: ReadonlySet<string>;
  failed: Readonly<Record<string, BlobFailure>>;
  lastError: PacketError | null;
}

export interface PacketOptions {
  db: FloorboardDB;
  blobs: BlobStore;
  /** Origin of the server, '' for same-origin. */
  baseUrl: string;
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Files downloaded at once (default 3): the link stays busy while others are hashed and written. */
  concurrency?: number;
}

export const EMPTY_PACKET: PacketState = {
  running: false,
  filesTotal: 0,
  filesDone: 0,
  bytesTotal: 0,
  bytesDone: 0,
  bytesHeld: 0,
  held: new Set(),
  failed: {},
  lastError: null,
};

export type Packet = ReturnType<typeof createPacket>;

/**
 * T3: keeps the files of the released documents of this tablet's stations, each checked against
 * its sha256 before it is kept, and drops the ones no released document needs any more.
 */
export function createPacket(o: PacketOptions) {
  const fetchFn = o.fetch ?? ((u: string, i?: RequestInit) => fetch(u, i));
  const concurrency = o.concurrency ?? 3;
  const listeners = new Set<(s: PacketState) => void>();
  let state = EMPTY_PACKET;
  let inFlight: Promise<PacketState> | null = null;
  let again = false;

  const set = (patch: Partial<PacketState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn(state);
  };

  /** Downloads one file; a network failure is `offline`, anything else a per-file failure. */
  async function fetchOne(b: NeededBlob, token: string): Promise<Blob | BlobFailure | 'offline'> {
    let res: Response;
    let body: Blob;
    let bytes: ArrayBuffer;
    try {
      res = await fetchFn(`${o.baseUrl}/api/blobs/${b.sha256}`, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
      if (!res.ok) {
        await res.body?.cancel();
        return res.status === 404 ? 'not-found' : 'refused';
      }
      body = await res.blob();
      bytes = await body.arrayBuffer();
    } catch {
      return 'offline';
    }
    // Bytes that are not what the document says are never kept (a proxy's page, a cut transfer).
    return (await sha256Hex(bytes)) === b.sha256 ? body : 'sha256-mismatch';
  }

  async function runOnce(): Promise<PacketState> {
    const [stationIds, token] = await Promise.all([getMeta(o.db, 'stationIds'), getMeta(o.db, 'token')]);
    const need = await readNeededBlobs(o.db, stationIds ?? []);
    const heldList = await o.blobs.held();
    const gone = heldList.filter((h) => !need.has(h.sha256)).map((h) => h.sha256);
    if (gone.length) await o.blobs.remove(gone);
    const held = new Set(heldList.filter((h) => need.has(h.sha256)).map((h) => h.sha256));
    let bytesHeld = heldList.filter((h) => held.has(h.sha256)).reduce((n, h) => n + h.size, 0);
    const missing = [...need.values()].filter((b) => !held.has(b.sha256));
    const bytesTotal = [...need.values()].reduce((n, b) => n + b.bytes, 0);
    set({
      running: true,
      held: new Set(held),
      bytesHeld,
      filesTotal: need.size,
      filesDone: held.size,
      bytesTotal,
      bytesDone: bytesTotal - missing.reduce((n, b) => n + b.bytes, 0),
      failed: {},
      lastError: null,
    });
    if (missing.length && !token) {
      set({ running: false, lastError: 'not-enrolled' });
      return state;
    }
    let next = 0;
    let offline = false;
    const failed: Record<string, BlobFailure> = {};
    // Verified files wait here for the one writer, which commits whatever has arrived in one
    // transaction: a transaction a file costs more than the write of its bytes.
    const verified: { b: NeededBlob; data: Blob }[] = [];
    let writing: Promise<void> | null = null;
    let full = false;
    const drain = async () => {
      while (verified.length && !full) {
        const batch = verified.splice(0);
        try {
          await o.blobs.put(batch.map(({ b, data }) => ({ sha256: b.sha256, contentType: b.contentType, size: data.size, data })));
        } catch (e) {
          // The tablet is out of space: stop, keep what is stored, say so; anything else is a bug.
          if (!(e instanceof Error && /quota/i.test(`${e.name} ${(e as { inner?: Error }).inner?.name ?? ''}`))) throw e;
          full = true;
          break;
        }
        for (const { b, data } of batch) {
          held.add(b.sha256);
          bytesHeld += data.size;
        }
        set({
          held: new Set(held),
          bytesHeld,
          filesDone: state.filesDone + batch.length,
          bytesDone: state.bytesDone + batch.reduce((n, x) => n + x.b.bytes, 0),
        });
      }
      writing = null;
    };
    const worker = async () => {
      while (!offline && !full && next < missing.length) {
        const b = missing[next++]!;
        const got = await fetchOne(b, token!);
        if (got === 'offline') {
          offline = true;
        } else if (typeof got === 'string') {
          failed[b.sha256] = got;
          set({ failed: { ...failed } });
        } else {
          verified.push({ b, data: got });
          writing ??= drain();
          // Hold no more than a few files in memory when the disk is slower than the network.
          if (verified.length >= concurrency * 2) await writing;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
    await writing;
    set({ running: false, lastError: full ? 'storage-full' : offline ? 'offline' : null });
    return state;
  }

  /** One run now; calls during a run share it and ask for one more run after it. */
  function run(): Promise<PacketState> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      let s: PacketState;
      try {
        do {
          again = false;
          s = await runOnce();
        } while (again);
      } catch (e) {
        set({ running: false });
        throw e;
      } finally {
        inFlight = null;
      }
      return s;
    })();
    return inFlight;
  }

  return {
    run,
    state: (): PacketState => state,
    subscribe(fn: (s: PacketState) => void): () => void {
      listeners.add(fn);
      fn(state);
      return () => listeners.delete(fn);
    },
    /** A held file's bytes, for the viewer. */
    get: (sha256: string) => o.blobs.get(sha256),
  };
}
