import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ErrorBody } from '../../../shared/protocol';
import { chainHash, GENESIS_HASH, verifyAuditChain } from '../../../server/audit/chain';
import { createDevice, enrollDevice, revokeDevice } from '../../../server/auth/devices';
import { randomToken, sha256 } from '../../../server/auth/crypto';
import { COORDINATOR_USER_ID } from '../../../server/auth/bootstrap';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../../server/auth/session';
import { createUser } from '../../../server/auth/users';
import { makeHarness, type Harness } from '../harness';
import { build, ENDPOINTS, planFor, type Endpoint, type FuzzRequest, type Plan } from './requests';
import type fc from 'fast-check';

/** What a request may be built from: real ids of the seeded plant, and live credentials. */
export interface Known {
  ids: Record<
    'stations' | 'workOrders' | 'operations' | 'users' | 'consoleUsers' | 'holds' | 'scheduleChanges' | 'conflicts' | 'departments' | 'reasonCodes' | 'shifts',
    string[]
  >;
  /** Operations with their work order and station, for pushes that tell a story. */
  ops: { id: string; workOrderId: string; stationId: string }[];
  /** A device of one station, a console cookie, a revoked device: refreshed when a request spent them. */
  auth: { token: string; cookie: string; revokedToken: string; victimDeviceId: string };
  /** Client ids the fuzzer pushes as, each with the next mutation id it expects. */
  clientIds: string[];
}

/** Stored records by `entity/id`, each as `version|deleted|value`. */
export type Rows = Map<string, string>;

/**
 * What a request did to the records that it may not have: one that vanished, or that changed or
 * appeared without being in the `after` of an audit entry the request appended, or at a version
 * not past the head before it.
 */
export function harms(before: Rows, after: Rows, written: Set<string>, headBefore: number): string[] {
  const out: string[] = [];
  const fresh = (row: string) => Number(row.split('|')[0]) > headBefore;
  for (const [k, v] of before) {
    const now = after.get(k);
    if (now === undefined) out.push(`record ${k} vanished`);
    else if (now !== v && !written.has(k)) out.push(`record ${k} changed without an audit entry of this request`);
    else if (now !== v && !fresh(now)) out.push(`record ${k} changed at an old version`);
  }
  for (const [k, row] of after) {
    if (before.has(k)) continue;
    if (!written.has(k)) out.push(`record ${k} appeared without an audit entry`);
    else if (!fresh(row)) out.push(`record ${k} appeared at an old version`);
  }
  return out;
}

/**
 * A real server on a SQLite file (test/server/harness.ts) with the demo plant and a tiny built app,
 * and the X4 invariants: no 500, errors are `ErrorBody`s, and no stored record is harmed.
 */
export async function makeFuzzWorld() {
  const h: Harness = await makeHarness();
  mkdirSync(join(h.dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(h.dir, 'dist', 'index.html'), '<!doctype html><title>Floorboard</title>');
  writeFileSync(join(h.dir, 'dist', 'assets', 'app-abc123.js'), 'export {};');
  const db = new Database(h.file, { readonly: true, fileMustExist: true });
  const recordsQ = db.prepare('SELECT entity, id, version, deleted, value FROM records');
  const auditQ = db.prepare('SELECT seq, prev_hash, hash, entry FROM audit WHERE seq > ? ORDER BY seq');
  const auditCount = db.prepare('SELECT count(*) AS n FROM audit');
  // One string per link, built by SQLite: a changed or removed link changes its prefix.
  const auditDigest = db.prepare(
    "SELECT coalesce(group_concat(seq || ':' || hash || ':' || prev_hash || ':' || length(entry), ','), '') AS d FROM (SELECT * FROM audit ORDER BY seq)",
  );
  const digest = () => (auditDigest.get() as { d: string }).d;
  const idsOf = (entity: string) => (db.prepare('SELECT id FROM records WHERE entity = ? ORDER BY id').all(entity) as { id: string }[]).map((r) => r.id);

  const snapshot = (): Rows => {
    const m: Rows = new Map();
    for (const r of recordsQ.all() as { entity: string; id: string; version: number; deleted: number; value: string }[]) {
      m.set(`${r.entity}/${r.id}`, `${r.version}|${r.deleted}|${r.value}`);
    }
    return m;
  };
  const auditRows = (after: number) => auditQ.all(after) as { seq: number; prev_hash: string; hash: string; entry: string }[];

  const mintCookie = async () => {
    const token = randomToken();
    await h.store.transaction((tx) =>
      tx.insertSession({ tokenHash: sha256(token), userId: COORDINATOR_USER_ID, expiresAt: h.clock.now() + SESSION_TTL_MS, lastUsedAt: h.clock.now() }),
    );
    return `${SESSION_COOKIE}=${token}`;
  };
  const mintDevice = async (stationIds: string[]) => {
    const created = await createDevice(h.store, h.clock, 'fuzz tablet', stationIds);
    return enrollDevice(h.store, h.clock, created.enrollmentCode, 'fuzz');
  };

  // A second console user, so the office routes have someone besides the coordinator to disable.
  await createUser(
    h.store,
    h.clock,
    { actorId: COORDINATOR_USER_ID, deviceId: 'console' },
    { username: 'fuzz-planner', name: 'Fuzz Planner', role: 'planner', password: 'a long enough password' },
  );
  const stations = idsOf('stations');
  const ids: Known['ids'] = {
    stations,
    workOrders: idsOf('workOrders').slice(0, 40),
    operations: idsOf('operations').slice(0, 80),
    users: idsOf('users'),
    consoleUsers: (await h.store.listConsoleUsers()).map((u) => u.userId),
    holds: idsOf('holds'),
    scheduleChanges: idsOf('scheduleChanges'),
    conflicts: idsOf('conflicts'),
    departments: idsOf('departments'),
    reasonCodes: idsOf('reasonCodes'),
    shifts: idsOf('shifts'),
  };
  const ops = db
    .prepare(
      "SELECT id, json_extract(value, '$.workOrderId') AS workOrderId, json_extract(value, '$.stationId') AS stationId FROM records WHERE entity = 'operations' ORDER BY id LIMIT 200",
    )
    .all() as Known['ops'];
  const device = await mintDevice(stations.slice(0, 3));
  const revoked = await mintDevice(stations.slice(0, 1));
  await revokeDevice(h.store, revoked.deviceId);
  const victim = await mintDevice(stations.slice(1, 2));
  const known: Known = {
    ids,
    ops,
    auth: { token: device.token, cookie: await mintCookie(), revokedToken: revoked.token, victimDeviceId: victim.deviceId },
    clientIds: ['fuzz-client-0001', 'fuzz-client-0002', 'fuzz-console-01'],
  };

  /** Gives back credentials a request spent (signed out, revoked), so later cases stay authorised. */
  async function refresh() {
    const dev = await h.store.getDeviceByTokenHash(sha256(known.auth.token));
    if (!dev || dev.revoked) known.auth.token = (await mintDevice(stations.slice(0, 3))).token;
    const session = await h.store.getSession(sha256(known.auth.cookie.split('=')[1]!));
    if (!session) known.auth.cookie = await mintCookie();
  }

  /** Fills a plan with live credentials and each client's next mutation ids; undefined if fetch refuses it. */
  async function prepare(plan: Plan): Promise<FuzzRequest | undefined> {
    await refresh();
    const next = new Map<unknown, number>();
    for (const c of known.clientIds) next.set(c, ((await h.store.getClient(c))?.lastMutationId ?? 0) + 1);
    const r = build(plan, known, (c) => next.get(c) ?? 1);
    try {
      new Request(`http://localhost${r.path}`, r.init);
      return r;
    } catch {
      return undefined; // a request no client can send (a header fetch refuses, a method it forbids)
    }
  }

  /** What the cases reached: mutations applied, and refused (rejected or conflicting). */
  const stats = { applied: 0, refused: 0, appliedNames: new Set<string>() };

  /** Sends one request and throws, with what broke, if it gave a 500 or harmed a stored record. */
  async function check(r: FuzzRequest): Promise<number> {
    const before = snapshot();
    const auditBefore = (auditCount.get() as { n: number }).n;
    const digestBefore = digest();
    const headBefore = await h.store.head();
    const res = await h.app.request(r.path, r.init);
    const status = res.status;
    const type = res.headers.get('content-type') ?? '';
    let text = '';
    if (type.startsWith('text/event-stream') && res.body) {
      // The poke stream never ends: its first event is enough, then the client goes away.
      const reader = res.body!.getReader();
      const first = await reader.read();
      text = first.value ? new TextDecoder().decode(first.value) : '';
      await reader.cancel();
    } else text = await res.text();

    const fail = (why: string) => {
      throw new Error(`${r.init.method} ${r.path} → ${status}: ${why}\n  body sent: ${describeBody(r.init.body)}\n  answer: ${text.slice(0, 300)}`);
    };
    if (status >= 500) fail('a 500 for input (S5, X4)');
    // HEAD answers carry no body, by definition.
    if (status >= 400 && r.path.startsWith('/api/') && r.init.method.toUpperCase() !== 'HEAD') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        fail('an error without a JSON body');
      }
      if (!ErrorBody.safeParse(parsed).success) fail('an error body without a code of HttpErrorCode');
    }
    if (text.includes('SQLite format 3')) fail('the database file was served');

    // Records: what existed is byte-identical unless a mutation this request processed wrote it
    // (its key is in that audit entry's `after`) at a version past the head before.
    const after = snapshot();
    const appended = auditRows(auditBefore);
    const written = new Set<string>();
    for (const a of appended) {
      const entry = JSON.parse(a.entry) as { after: object; outcome: string; mutation: string };
      stats[entry.outcome === 'applied' ? 'applied' : 'refused']++;
      if (entry.outcome === 'applied') stats.appliedNames.add(entry.mutation);
      for (const k of Object.keys(entry.after)) written.add(k);
    }
    const harm = harms(before, after, written, headBefore);
    if (harm.length) fail(harm.join('; '));
    if (!digest().startsWith(digestBefore)) fail('an audit entry that existed was changed or removed');
    // The prefix is unchanged (above), so the chain verifies if the new links chain onto it.
    let prev = auditBefore > 0 ? auditRows(auditBefore - 1)[0]!.hash : GENESIS_HASH;
    for (const a of appended) {
      if (a.prev_hash !== prev || chainHash(prev, JSON.parse(a.entry) as Record<string, unknown>) !== a.hash) fail(`the audit chain breaks at ${a.seq}`);
      prev = a.hash;
    }
    return status;
  }

  /** The whole chain, walked as the console's verify does. */
  const verify = () => verifyAuditChain(h.store);
  const close = async () => {
    db.close();
    await h.close();
  };
  const plans = Object.fromEntries(ENDPOINTS.map((e) => [e, planFor(e, known)])) as Record<Endpoint, fc.Arbitrary<Plan>>;
  return { h, known, plans, stats, prepare, check, verify, close };
}

export type FuzzWorld = Awaited<ReturnType<typeof makeFuzzWorld>>;

function describeBody(body: unknown): string {
  if (body === undefined || body === null) return '(none)';
  const s = typeof body === 'string' ? body : `(${(body as Uint8Array).byteLength} bytes)`;
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}
