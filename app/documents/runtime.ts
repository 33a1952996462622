import { createSignal, type Accessor } from 'solid-js';
import type { FloorboardDB } from '../db';
import type { SyncStatus } from '../sync';
import { openBlobStore, type BlobStore } from './blob-store';
import { createPacket, EMPTY_PACKET, type Packet, type PacketState } from './packet';

const [packetState, setPacketState] = createSignal<PacketState>(EMPTY_PACKET);
/** The tablet packet's state as a Solid signal (EMPTY until the tablet starts syncing). */
export const tabletPacketState: Accessor<PacketState> = packetState;

let packet: Promise<Packet> | undefined;
let blobs: Promise<BlobStore> | undefined;

/** The tablet's blob store (one per page), for the packet and the viewer. */
export function tabletBlobs(db: FloorboardDB): Promise<BlobStore> {
  blobs ??= openBlobStore(db.name);
  return blobs;
}

/** The tablet's packet, once {@link startTabletPacket} has run; undefined before. */
export function tabletPacket(): Promise<Packet> | undefined {
  return packet;
}

/**
 * Starts keeping the tablet's packet: a run now, after every sync pass that ended well (a pull
 * that brought travelers or documents changes what is needed; one that did not finds nothing to
 * do after two index reads), and when the network comes back.
 */
export function startTabletPacket(db: FloorboardDB, client: { subscribe(fn: (s: SyncStatus) => void): () => void }): Promise<Packet> {
  packet ??= (async () => {
    const p = createPacket({ db, blobs: await tabletBlobs(db), baseUrl: '' });
    p.subscribe((s) => setPacketState(s));
    const runQuietly = () => void p.run().catch((e: unknown) => console.error('[floorboard] document packet failed', e));
    let wasSyncing = false;
    client.subscribe((s) => {
      if (wasSyncing && !s.syncing && s.lastError === null) runQuietly();
      wasSyncing = s.syncing;
    });
    if (typeof window !== 'undefined') window.addEventListener('online', runQuietly);
    runQuietly();
    return p;
  })();
  return packet;
}
