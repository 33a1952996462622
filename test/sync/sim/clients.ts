import Dexie from 'dexie';
import { getMeta, openDatabase, setMeta } from '../../../app/db';
import { createSyncClient, enrollDevice } from '../../../app/sync';
import type { Clock } from '../../../shared/domain/clock';
import type { SimClient } from './actions';
import type { Network } from './network';
import { COORDINATOR_USER_ID, CONSOLE_PASSWORD } from './server';
import { SIM_LEAD_PROOF } from './plant';
import type { Rng } from './rng';

let dbCounter = 0;

export interface SimParticipant extends SimClient {
  /** Headers that authenticate a direct request as this client (for the fresh-pull check). */
  headers(): Promise<Record<string, string>>;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function makeClient(db: SimParticipant['db'], kind: 'device' | 'console', fetch: SimParticipant['fetch'], clock: Clock, rng: Rng) {
  return createSyncClient({
    db,
    baseUrl: '',
    auth: { kind },
    fetch,
    clock,
    random: rng,
    // The driver decides when each client syncs; nothing fires on its own.
    setTimer: () => () => undefined,
    eventSource: false,
    newClientId: () => rng.id('client'),
  });
}

/** Signs the console in through the API and returns it as a sync participant (scope: the plant). */
export async function makeConsole(net: Network, seed: number, clock: Clock, rng: Rng): Promise<SimParticipant> {
  const res = await net.fetchFor('setup')('/api/session', json('POST', { username: 'coordinator', password: CONSOLE_PASSWORD }));
  if (!res.ok) throw new Error(`console sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const db = await openDatabase(`sim-${seed}-console-${++dbCounter}`);
  const fetch = net.fetchFor('console', () => ({ cookie }));
  return {
    name: 'console',
    db,
    fetch,
    stationIds: 'all',
    actorId: COORDINATOR_USER_ID,
    client: makeClient(db, 'console', fetch, clock, rng),
    headers: async () => ({ cookie }),
  };
}

/** Creates a device at the console and enrolls a fresh tablet database with its one-time code (A1). */
export async function makeTablet(
  net: Network,
  cons: SimParticipant,
  seed: number,
  name: string,
  stationIds: string[],
  clock: Clock,
  rng: Rng,
): Promise<SimParticipant> {
  const res = await cons.fetch('/api/devices', json('POST', { name, stationIds }));
  if (!res.ok) throw new Error(`create device failed: ${res.status} ${await res.text()}`);
  const { enrollmentCode } = (await res.json()) as { enrollmentCode: string };
  const db = await openDatabase(`sim-${seed}-${name}-${++dbCounter}`);
  const fetch = net.fetchFor(name);
  const enrolled = await enrollDevice(db, '', enrollmentCode, fetch);
  if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.code}`);
  await setMeta(db, 'proof', { userId: SIM_LEAD_PROOF.userId, key: SIM_LEAD_PROOF.key });
  const p: SimParticipant = {
    name,
    db,
    fetch,
    stationIds,
    actorId: '',
    client: makeClient(db, 'device', fetch, clock, rng),
    // Reads the current db: a reload replaces it.
    headers: async () => ({ authorization: `Bearer ${await getMeta(p.db, 'token')}` }),
  };
  return p;
}

/** A second browser tab on the same tablet: its own Dexie instance and client, the same IndexedDB. */
export async function openSecondTab(p: SimParticipant, clock: Clock, rng: Rng): Promise<SimParticipant> {
  const db = await openDatabase(p.db.name);
  const tab: SimParticipant = {
    ...p,
    name: `${p.name}-tab2`,
    db,
    client: makeClient(db, 'device', p.fetch, clock, rng),
    headers: async () => ({ authorization: `Bearer ${await getMeta(tab.db, 'token')}` }),
  };
  return tab;
}

/** A tablet reload: the page goes away, the IndexedDB stays; a new client opens it again (S1). */
export async function reloadParticipant(p: SimParticipant, kind: 'device' | 'console', clock: Clock, rng: Rng): Promise<void> {
  p.client.stop();
  await p.client.syncNow().catch(() => undefined);
  p.db.close();
  p.db = await openDatabase(p.db.name);
  p.client = makeClient(p.db, kind, p.fetch, clock, rng);
}

export async function disposeParticipant(p: SimParticipant): Promise<void> {
  p.client.stop();
  p.db.close();
  // The second tab shares the database; deleting waits for every connection to close.
  if (!p.name.endsWith('-tab2')) await Dexie.delete(p.db.name);
}
