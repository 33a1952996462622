import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../shared/domain/clock';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { createApp, type AppConfig } from '../../server/app';
import { ensureCoordinator } from '../../server/auth/bootstrap';
import { seedDemoPlant } from '../../server/seed/demo';
import { inject } from 'vitest';
import { createPostgresStore } from '../../server/store/postgres';
import { createSqliteStore, type SqliteStoreOptions } from '../../server/store/sqlite';
import type { Store } from '../../server/store/types';
import { createPokes, type Poke } from '../../server/sync/pokes';
import { createFileBlobStore } from '../../server/blobs/files';
import { createPostgresBlobStore } from '../../server/blobs/postgres';
import type { BlobStore } from '../../server/blobs/types';
import { createTestDatabase } from '../support/postgres';

export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const COORD_PASSWORD = 'coord-pass-1';

export interface FakeClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export interface ReqOptions {
  method?: string;
  body?: unknown;
  /** Sent as is, not JSON-encoded: for malformed bodies. */
  raw?: string;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export type StoreKind = 'sqlite' | 'postgres';
/**
 * Both stores, for `describe.each(STORES)`: a file that uses it must be listed in vitest.config.ts's
 * POSTGRES_FILES, whose globalSetup starts the PostgreSQL server.
 */
export const STORES: StoreKind[] = ['sqlite', 'postgres'];

/**
 * The demo plant in a real store (a SQLite file in a temp dir by default, or a fresh database on
 * the test run's PostgreSQL), and an app to call in-process.
 */
export async function makeHarness(
  opts: { seed?: boolean; store?: StoreKind; databaseUrl?: string; storeOptions?: Omit<SqliteStoreOptions, 'file'>; config?: AppConfig } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'fb-server-'));
  /** The SQLite file ('' on PostgreSQL). */
  const file = opts.store === 'postgres' ? '' : join(dir, 'floorboard.sqlite');
  // `databaseUrl`: a second server instance on another harness's database (that one drops it).
  const database = opts.store === 'postgres' && !opts.databaseUrl ? await createTestDatabase(inject('postgresUrl')) : undefined;
  const databaseUrl = opts.databaseUrl ?? database?.url ?? '';
  const store: Store = opts.store === 'postgres' ? await createPostgresStore({ url: databaseUrl }) : await createSqliteStore({ ...opts.storeOptions, file });
  // T2: the documents' files, in the store's own kind: the database on PostgreSQL, files otherwise.
  const blobs: BlobStore = opts.store === 'postgres' ? createPostgresBlobStore({ url: databaseUrl }) : createFileBlobStore(join(dir, 'blobs'));
  const clock = fakeClock();
  const pokes = createPokes();
  const pokesSeen: Poke[] = [];
  pokes.subscribe((p) => pokesSeen.push(p));
  await ensureCoordinator(store, clock, COORD_PASSWORD);
  if (opts.seed !== false) await seedDemoPlant(store, { clock, pinIterations: 1, blobs });
  const app = createApp({ store, clock, pokes, blobs, config: { staticDir: join(dir, 'dist'), ...opts.config } });

  async function req(path: string, o: ReqOptions = {}) {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined || o.raw !== undefined) headers['content-type'] = 'application/json';
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.cookie) headers.cookie = o.cookie;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    return app.request(path, { method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  }

  /** Signs the coordinator in and returns the cookie header to send back. */
  async function signIn(username = 'coordinator', password = COORD_PASSWORD): Promise<string> {
    const res = await req('/api/session', { body: { username, password } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  /** Creates and enrolls a device for the given stations. */
  async function enroll(stationIds: string[], name = 'Test tablet') {
    const cookie = await signIn();
    const created = (await (await req('/api/devices', { body: { name, stationIds }, cookie })).json()) as { enrollmentCode: string };
    const res = await req('/api/devices/enroll', { body: { code: created.enrollmentCode } });
    return (await res.json()) as { deviceId: string; token: string };
  }

  let nextClient = 0;
  const newClientId = () => `client-${String(++nextClient).padStart(4, '0')}`;

  /** Pushes mutations as one client; `at` defaults to the server's now. */
  async function push(auth: { token?: string; cookie?: string }, clientId: string, mutations: Partial<PushMut>[]) {
    const at = new Date(clock.now()).toISOString();
    return req('/api/sync/push', {
      ...auth,
      body: { protocol: PROTOCOL_VERSION, clientId, mutations: mutations.map((m) => ({ at, args: {}, ...m })) },
    });
  }

  const close = async () => {
    await blobs.close();
    await store.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, file, databaseUrl, store, blobs, clock, pokes, pokesSeen, app, req, signIn, enroll, push, newClientId, close };
}

interface PushMut {
  id: number;
  name: string;
  args: unknown;
  actorId: string;
  at: string;
  base: number;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** Reads a record's value straight from the store. */
export async function recordOf<T = Record<string, unknown>>(store: Store, entity: Parameters<Store['getRecord']>[0], id: string) {
  const r = await store.getRecord(entity, id);
  return r ? (JSON.parse(r.value) as T) : undefined;
}
