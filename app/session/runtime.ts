import { createSignal, type Accessor } from 'solid-js';
import type { MutationInput, MutationName } from '../../shared/domain/mutators';
import type { MutationResultValue } from '../../shared/domain/tx';
import { openDatabase, type FloorboardDB } from '../db';
import { startTabletPacket } from '../documents/runtime';
import { createSyncClient, type SyncStatus } from '../sync';

/** What screens need of the sync client (docs/contracts.md), kept narrow on purpose. */
export interface SyncClientLike {
  mutate<N extends MutationName>(name: N, args: MutationInput<N>, actorId: string): Promise<MutationResultValue>;
  syncNow(): Promise<unknown>;
  start(): void;
  stop(): void;
  status(): SyncStatus;
  subscribe(fn: (s: SyncStatus) => void): () => void;
}

export interface Runtime {
  kind: 'tablet' | 'console';
  db: FloorboardDB;
  client: SyncClientLike;
  status: Accessor<SyncStatus>;
  /** Starts the push/pull loop once (after enrollment on a tablet, after sign-in on the console). */
  startSync(): void;
}

export const TABLET_DB = 'floorboard';
export const CONSOLE_DB = 'floorboard-console';

const EMPTY_STATUS: SyncStatus = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: 0,
  lastSyncAt: null,
  lastError: null,
  outdated: false,
};

async function build(kind: Runtime['kind']): Promise<Runtime> {
  const db = await openDatabase(kind === 'tablet' ? TABLET_DB : CONSOLE_DB);
  const client = createSyncClient({ db, baseUrl: '', auth: { kind: kind === 'tablet' ? 'device' : 'console' } });
  const [status, setStatus] = createSignal<SyncStatus>({ ...EMPTY_STATUS, ...safeStatus(client) });
  client.subscribe((s) => setStatus({ ...s }));
  let started = false;
  return {
    kind,
    db,
    client,
    status,
    startSync() {
      if (started) return;
      started = true;
      client.start();
      if (kind === 'tablet') void startTabletPacket(db, client);
    },
  };
}

function safeStatus(client: SyncClientLike): Partial<SyncStatus> {
  try {
    return client.status();
  } catch {
    return {};
  }
}

let tablet: Promise<Runtime> | undefined;
let consoleRt: Promise<Runtime> | undefined;

/** The tablet's database 'floorboard' and its device-token sync client (one per page). */
export function tabletRuntime(): Promise<Runtime> {
  tablet ??= build('tablet');
  return tablet;
}

/** The console's own database 'floorboard-console' and its cookie sync client. */
export function consoleRuntime(): Promise<Runtime> {
  consoleRt ??= build('console');
  return consoleRt;
}
