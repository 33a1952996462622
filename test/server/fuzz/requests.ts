import fc from 'fast-check';
import { MUTATORS } from '../../../shared/domain/mutators';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { COORDINATOR_USER_ID } from '../../../server/auth/bootstrap';
import type { Known } from './world';
import { hostileValue, nested, strayBody } from './values';

export const ENDPOINTS = ['push', 'pull', 'events', 'session', 'devices', 'audit', 'health', 'static', 'users', 'people', 'plant'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** A request as app.request() takes it. */
export interface FuzzRequest {
  path: string;
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };
}

type Auth = 'device' | 'cookie' | 'revoked' | 'bad-bearer' | 'basic' | 'bad-cookie' | 'both' | 'none';
/** A body with `next` where a mutation id goes: the runner fills in the client's next ids. */
type Body = string | Uint8Array<ArrayBuffer> | undefined | { push: Record<string, unknown>; deepArgs?: number };

/** What to send, before the live credentials and mutation ids are filled in. */
export interface Plan {
  method: string;
  path: string;
  auth: Auth;
  headers: Record<string, string>;
  body: Body;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get'];
const method = (usual: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
const auth = (usual: Auth[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...usual) },
    { weight: 2, arbitrary: fc.constantFrom<Auth>('device', 'cookie', 'revoked', 'bad-bearer', 'basic', 'bad-cookie', 'both', 'none') },
  );
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=latin1',
  'application/JSON',
  '*/*',
  '',
  'garbage',
];
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const headers = fc
  .record({
    'content-type': fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    origin: rarely(fc.constantFrom('http://localhost', 'https://evil.example', 'null')),
    'x-forwarded-proto': rarely(fc.constantFrom('https', 'http', 'gopher')),
    accept: rarely(fc.constantFrom('application/json', 'text/event-stream', 'text/html', '*/*')),
    'content-length': rarely(fc.constantFrom('0', '-1', 'abc', '99999999999', '1000001')),
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('clientId', 'cursor', 'x', 'clientId', 'cursor', '__proto__', ''),
      fc.oneof(fc.constantFrom('', '%', '%zz', '0', '-1', '1e400', 'NaN', '0x10', ' 5', '9007199254740993', 'fuzz-client-0001'), fc.string({ maxLength: 80 })),
    ),
    { maxLength: 4 },
  )
  .map((kv) => kv.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));

/** Mostly the route itself, sometimes a neighbour (a trailing slash, a query, a sub-path). */
const paths = (main: string, ...others: string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(main) }, { weight: 1, arbitrary: fc.constantFrom(main, ...others) });
const pick = (xs: string[]) => (xs.length ? fc.constantFrom(...xs) : fc.constant('none'));

/** A plausible value for an args key of the catalogue, by its name: what a real client would send. */
function plausible(key: string, known: Known): fc.Arbitrary<unknown> {
  const { ids } = known;
  const fresh = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdef0123456789-') }).map((s) => `fz-${s}`);
  const text = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('coolant low', 'burrs', ' ', ''));
  const table: Record<string, fc.Arbitrary<unknown>> = {
    id: fresh,
    operationId: pick(ids.operations),
    workOrderId: pick(ids.workOrders),
    stationId: pick(ids.stations),
    changeId: pick(ids.scheduleChanges),
    holdId: fc.oneof(pick(ids.holds), fresh),
    conflictId: fc.oneof(pick(ids.conflicts), fresh),
    stationIds: fc.array(pick(ids.stations), { minLength: 1, maxLength: 3 }),
    workOrderIds: fc.array(pick(ids.workOrders), { maxLength: 3 }),
    good: fc.nat({ max: 50 }),
    scrap: fc.nat({ max: 5 }),
    priority: fc.integer({ min: 1, max: 999 }),
    requiresAck: fc.boolean(),
    dueAt: fc.constant('2026-04-01T16:00:00.000Z'),
  };
  return table[key] ?? text;
}

/** A mutation: mostly well formed with args that are plausible, hostile or both; sometimes junk. */
function mutation(known: Known) {
  const allIds = Object.values(known.ids).flat();
  const value = hostileValue(allIds);
  const names = Object.keys(MUTATORS);
  const junk = fc.record(
    { id: fc.oneof(fc.constant('next'), value), name: value, actorId: value, at: value, base: value, args: value, extra: value },
    { requiredKeys: [] },
  );
  const wellFormed = fc
    .record(
      {
        id: fc.constant('next'),
        name: fc.constantFrom(...names),
        actorId: pick(known.ids.users),
        at: fc.constantFrom('2026-03-02T10:00:00.000Z', '2026-03-02T09:59:00.000+02:00', '2031-01-01T00:00:00.000Z', '1999-12-31T23:59:59.000Z'),
        base: fc.nat({ max: 100_000 }),
      },
      { requiredKeys: ['id', 'name', 'actorId', 'at'] },
    )
    .chain((m) => {
      // Args shaped like the mutation's own: its keys, each plausible or hostile, or anything at all.
      const shape = Object.keys((MUTATORS[m.name as keyof typeof MUTATORS].args as unknown as { shape?: object }).shape ?? {});
      const field = (k: string) => fc.oneof({ weight: 4, arbitrary: plausible(k, known) }, { weight: 1, arbitrary: value });
      const args = fc.oneof(
        { weight: 6, arbitrary: fc.record(Object.fromEntries(shape.map((k) => [k, field(k)])), { requiredKeys: shape }) },
        { weight: 2, arbitrary: fc.record(Object.fromEntries(shape.map((k) => [k, field(k)])), { requiredKeys: [] }) },
        { weight: 1, arbitrary: value },
      );
      return args.map((a) => ({ ...m, args: a }));
    });
  return fc.oneof({ weight: 12, arbitrary: wellFormed }, { weight: 1, arbitrary: junk });
}

/**
 * A console push that tells a story on one operation (start, report, pause, complete, a note, a
 * change and its acknowledgement, a hold, the conflict it causes and its resolution, a release, an
 * edit, a document and a traveler released, the report undone and corrected), so every mutation
 * of the catalogue gets applied; some steps dropped, one arg maybe hostile.
 */
function storyPlan(known: Known): fc.Arbitrary<Plan> {
  const fresh = fc.string({ minLength: 6, maxLength: 12, unit: fc.constantFrom(...'abcdef0123456789') });
  return fc
    .record({
      op: fc.constantFrom(...known.ops),
      tag: fresh,
      hostile: fc.option(fc.tuple(fc.nat(), hostileValue([])), { freq: 3 }),
      keep: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
    })
    .map(({ op, tag, hostile, keep }) => {
      const { id: operationId, workOrderId, stationId } = op;
      const steps: [string, Record<string, unknown>][] = [
        ['startOperation', { operationId }],
        ['reportQuantity', { id: `qr-${tag}`, operationId, good: 3, scrap: 0 }],
        ['pauseOperation', { operationId, reason: 'break' }],
        ['startOperation', { operationId }],
        ['completeOperation', { operationId }],
        ['addNote', { id: `note-${tag}`, stationId, text: 'coolant low' }],
        [
          'postScheduleChange',
          { id: `chg-${tag}`, kind: 'note', message: 'moved up', stationIds: [stationId], workOrderIds: [workOrderId], requiresAck: true },
        ],
        ['acknowledgeChange', { changeId: `chg-${tag}` }],
        ['placeHold', { id: `hold-${tag}`, workOrderId, kind: 'quality', reason: 'burrs' }],
        ['startOperation', { operationId }],
        ['resolveConflict', { conflictId: { $conflictOf: 9 }, resolution: 'checked' }],
        ['releaseHold', { holdId: `hold-${tag}` }],
        ['editWorkOrder', { workOrderId, priority: 5 }],
        // Documents and travelers (T1, T2), then the report undone and corrected (C1).
        [
          'createDocument',
          { id: `doc-${tag}`, number: `FZ-${tag}`, title: 'fuzz drawing', revision: 'A', contentType: 'application/pdf', sha256: 'ab'.repeat(32), bytes: 1024 },
        ],
        ['releaseDocument', { documentId: `doc-${tag}` }],
        ['releaseTraveler', { id: `trv-${tag}`, workOrderId, revision: `F${tag}`, documentIds: [`doc-${tag}`], flags: [], notes: '' }],
        ['undoLast', { id: `undo-${tag}`, operationId, act: 'reportQuantity', reportId: `qr-${tag}` }],
        ['correctQuantity', { id: `fix-${tag}`, reportId: `qr-${tag}`, good: 2, scrap: 0, reason: 'miscounted' }],
      ];
      const mutations = steps.map(([name, args], i) => ({
        id: 'next',
        name,
        actorId: 'u-coordinator',
        at: '2026-03-02T10:00:00.000Z',
        args,
        keep: keep[i] || i >= 8,
      }));
      if (hostile) {
        const m = mutations[hostile[0] % mutations.length]!;
        const keys = Object.keys(m.args);
        m.args = { ...m.args, [keys[hostile[0] % keys.length]!]: hostile[1] };
      }
      return {
        method: 'POST',
        path: '/api/sync/push',
        auth: 'cookie' as const,
        headers: { 'content-type': 'application/json' },
        body: { push: { protocol: PROTOCOL_VERSION, clientId: known.clientIds[known.clientIds.length - 1]!, mutations } },
      };
    });
}

function pushPlan(known: Known): fc.Arbitrary<Plan> {
  const envelope = fc.record(
    {
      protocol: fc.oneof({ weight: 15, arbitrary: fc.constant<unknown>(PROTOCOL_VERSION) }, { weight: 1, arbitrary: hostileValue([]) }),
      clientId: fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...known.clientIds) }, { weight: 1, arbitrary: hostileValue(known.clientIds) }),
      mutations: fc.oneof({ weight: 15, arbitrary: fc.array(mutation(known), { minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: hostileValue([]) }),
    },
    { requiredKeys: ['protocol', 'clientId', 'mutations'] },
  );
  const missing = fc.record(
    { protocol: fc.constant(PROTOCOL_VERSION), clientId: fc.constantFrom(...known.clientIds), mutations: fc.array(mutation(known), { maxLength: 2 }) },
    { requiredKeys: [] },
  );
  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 8, arbitrary: envelope.map((push) => ({ push })) },
    { weight: 1, arbitrary: missing.map((push) => ({ push })) },
    { weight: 1, arbitrary: fc.tuple(envelope, fc.integer({ min: 100, max: 100_000 })).map(([push, deepArgs]) => ({ push, deepArgs })) },
    { weight: 2, arbitrary: strayBody },
  );
  return fc.oneof(
    { weight: 1, arbitrary: storyPlan(known) },
    {
      weight: 4,
      arbitrary: fc.record({
        method: method(['POST']),
        path: paths('/api/sync/push', '/api/sync/push?x=1', '/api/sync/push/'),
        auth: auth(['device', 'cookie']),
        headers,
        body,
      }),
    },
  );
}

function pullPlan(known: Known): fc.Arbitrary<Plan> {
  const q = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...known.clientIds), fc.nat({ max: 100_000 })).map(([c, n]) => `clientId=${c}&cursor=${n}`) },
    { weight: 3, arbitrary: query },
  );
  return fc.record({ method: method(['GET']), path: q.map((s) => `/api/sync/pull?${s}`), auth: auth(['device', 'cookie']), headers, body: strayBody });
}

const simple = (paths: fc.Arbitrary<string>, usual: string[], usualAuth: Auth[], body: fc.Arbitrary<Body> = strayBody) =>
  fc.record({ method: method(usual), path: paths, auth: auth(usualAuth), headers, body });

const jsonOf = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Body> =>
  fc.oneof({ weight: 3, arbitrary: fc.record(fields, { requiredKeys: [] }).map((o) => JSON.stringify(o)) }, { weight: 1, arbitrary: strayBody });
/** As jsonOf, but half the time with every field present, so a create gets past the schema often enough to write. */
const fullJsonOf = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Body> =>
  fc.oneof({ weight: 2, arbitrary: fc.record(fields).map((o) => JSON.stringify(o)) }, { weight: 2, arbitrary: jsonOf(fields) });

/**
 * A user id for a path: mostly one of the plant's, sometimes anything. The coordinator's own is
 * left out where `others` says so: disabling the account the fuzz signs in as would turn every
 * later cookie case into a 401 and prove nothing more.
 */
function userTarget(known: Known, others: boolean, among: 'users' | 'consoleUsers' = 'users'): fc.Arbitrary<string> {
  const users = others ? known.ids[among].filter((u) => u !== COORDINATOR_USER_ID) : known.ids[among];
  return fc.oneof(
    { weight: 5, arbitrary: pick(users) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '..', '%2e%2e', 'x/y') },
  );
}

/** Mostly `usual`, sometimes a hostile value: enough well-formed bodies get through to write. */
const likely = (usual: fc.Arbitrary<unknown>, hostile = hostileValue([])) => fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: hostile });

/** Requests for one endpoint group, built from what the world holds. */
export function planFor(endpoint: Endpoint, known: Known): fc.Arbitrary<Plan> {
  const v = hostileValue([...known.ids.stations, 'coordinator']);
  switch (endpoint) {
    case 'push':
      return pushPlan(known);
    case 'pull':
      return pullPlan(known);
    case 'events':
      return simple(paths('/api/sync/events', '/api/sync/events?cursor=5', '/api/sync/events/x'), ['GET'], ['device', 'cookie', 'revoked']);
    case 'session':
      return simple(
        paths('/api/session', '/api/session/', '/api/session?x'),
        ['POST', 'GET', 'DELETE'],
        ['cookie', 'none', 'bad-cookie'],
        jsonOf({ username: v, password: v }),
      );
    case 'devices':
      return fc.oneof(
        simple(
          paths('/api/devices', '/api/devices/'),
          ['GET', 'POST'],
          ['cookie', 'device'],
          jsonOf({ name: v, stationIds: fc.oneof(fc.array(v, { maxLength: 5 }), v) }),
        ),
        simple(
          fc.constant('/api/devices/enroll'),
          ['POST'],
          ['none', 'device'],
          jsonOf({
            code: v,
            previous: fc.oneof(v, fc.record({ deviceId: fc.oneof(fc.constant(known.auth.victimDeviceId), v), clientId: v, token: v }, { requiredKeys: [] })),
          }),
        ),
        // "Show code again": a fresh code for a device no tablet enrolled as (the victim is enrolled: 409).
        simple(
          fc
            .oneof(fc.constant(known.auth.victimDeviceId), fc.string({ maxLength: 60 }), fc.constantFrom('..', '%2e%2e', '%', '%zz'))
            .map((id) => `/api/devices/${id.startsWith('%') ? id : encodeURIComponent(id)}/code`),
          ['POST'],
          ['cookie', 'device'],
          jsonOf({}),
        ),
        simple(
          fc
            .oneof(fc.constant(known.auth.victimDeviceId), fc.string({ maxLength: 60 }), fc.constantFrom('..', '%2e%2e', 'enroll', '%', '%zz'))
            .map((id) => `/api/devices/${id.startsWith('%') ? id : encodeURIComponent(id)}`),
          ['DELETE'],
          ['cookie', 'device'],
        ),
      );
    case 'audit':
      return simple(
        fc.oneof(paths('/api/audit/verify', '/api/audit/', '/api/audit/verify?from=-1', '/api/audit/x'), paths('/api/audit/export', '/api/audit/export/')),
        ['GET'],
        ['cookie', 'device', 'none'],
      );
    case 'health':
      return simple(
        fc.oneof(
          fc.constant('/api/health'),
          query.map((q) => `/api/health?${q}`),
        ),
        ['GET'],
        ['none'],
      );
    case 'users': {
      const password = likely(fc.constantFrom('a long enough password', 'a long enough password', 'short', 'coordinator'));
      const language = likely(fc.constantFrom('en', 'es', 'es', 'fr', 'ES'));
      return fc.oneof(
        simple(
          paths('/api/users', '/api/users/'),
          ['GET', 'POST'],
          ['cookie'],
          fullJsonOf({
            username: likely(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9.-]{2,15}$/), fc.constantFrom('coordinator', 'Coordinator'))),
            name: likely(fc.constant('Fuzz Planner')),
            role: likely(fc.constantFrom('planner', 'auditor', 'coordinator', 'operator')),
            badge: likely(fc.oneof(fc.stringMatching(/^[A-Z0-9]{1,12}$/), fc.constant('B1001'))),
            password,
            language,
          }),
        ),
        simple(
          userTarget(known, true, 'consoleUsers').map((id) => `/api/users/${id}`),
          ['PATCH'],
          ['cookie', 'cookie', 'cookie', 'device'],
          jsonOf({ language }),
        ),
        simple(
          userTarget(known, false, 'consoleUsers').map((id) => `/api/users/${id}/password`),
          ['PUT'],
          ['cookie', 'cookie', 'cookie', 'device'],
          jsonOf({ password, oldPassword: password }),
        ),
        simple(
          fc.tuple(userTarget(known, true, 'consoleUsers'), fc.constantFrom('disable', 'enable')).map(([id, act]) => `/api/users/${id}/${act}`),
          ['POST'],
          ['cookie', 'cookie', 'cookie', 'device'],
        ),
      );
    }
    case 'people': {
      const pin = likely(fc.oneof(fc.constantFrom('2580', '1234', '0000', '7890', '97531'), fc.stringMatching(/^\d{0,14}$/)));
      const stationIds = fc.oneof(
        { weight: 4, arbitrary: fc.array(pick(known.ids.stations), { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.array(v, { maxLength: 3 }) },
        { weight: 1, arbitrary: v },
      );
      const role = likely(fc.constantFrom('operator', 'lead', 'lead', 'operator', 'coordinator', 'auditor'));
      const name = likely(fc.constant('Fuzz Operator'));
      const language = likely(fc.constantFrom('en', 'es', 'es', 'fr', 'ES'));
      return fc.oneof(
        simple(
          paths('/api/people', '/api/people/'),
          ['GET', 'POST'],
          ['cookie'],
          fullJsonOf({
            name,
            badge: likely(fc.oneof(fc.stringMatching(/^[A-Z0-9]{1,12}$/), fc.constantFrom('B1001', 'b1001'))),
            role,
            stationIds,
            pin,
            language,
          }),
        ),
        simple(
          userTarget(known, true).map((id) => `/api/people/${id}`),
          ['PATCH'],
          ['cookie', 'cookie', 'cookie', 'device'],
          jsonOf({ name, role, stationIds, language }),
        ),
        simple(
          userTarget(known, false).map((id) => `/api/people/${id}/pin`),
          ['PUT'],
          ['cookie', 'cookie', 'cookie', 'device'],
          jsonOf({ pin }),
        ),
        simple(
          fc.tuple(userTarget(known, true), fc.constantFrom('disable', 'enable')).map(([id, act]) => `/api/people/${id}/${act}`),
          ['POST'],
          ['cookie', 'cookie', 'cookie', 'device'],
        ),
      );
    }
    case 'plant': {
      const name = likely(fc.oneof(fc.constantFrom('Fuzz Cell', 'Machining', 'machining ', 'Haas VF-4 CNC Mill', ' '), fc.string({ maxLength: 30 })));
      const time = likely(fc.oneof(fc.constantFrom('06:00', '14:00', '22:00', '24:00', '6:00', '23:59'), fc.stringMatching(/^\d{2}:\d{2}$/)));
      const breaks = likely(fc.oneof(fc.nat({ max: 600 }), fc.constantFrom(-1, 1.5, 1_441)));
      const kind = likely(fc.constantFrom('scrap', 'downtime-planned', 'downtime-unplanned', 'changeover', 'coffee'));
      const code = likely(fc.oneof(fc.constantFrom('DIM', 'dim', 'FZ-1', 'has space', ''), fc.stringMatching(/^[A-Z][A-Z0-9-]{0,8}$/)));
      const target = (among: 'departments' | 'stations' | 'reasonCodes' | 'shifts') =>
        fc.oneof({ weight: 5, arbitrary: pick(known.ids[among]) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) });
      const departmentId = likely(pick(known.ids.departments));
      return fc.oneof(
        simple(paths('/api/plant', '/api/plant/', '/api/plant/x'), ['GET'], ['cookie', 'cookie', 'device', 'none']),
        simple(paths('/api/plant/departments'), ['POST'], ['cookie'], fullJsonOf({ name })),
        simple(
          target('departments').map((id) => `/api/plant/departments/${id}`),
          ['PATCH'],
          ['cookie', 'cookie', 'device'],
          jsonOf({ name }),
        ),
        simple(paths('/api/plant/stations'), ['POST'], ['cookie'], fullJsonOf({ name, departmentId, line: likely(fc.constantFrom('', 'Cell A', 'Line 2')) })),
        simple(
          target('stations').map((id) => `/api/plant/stations/${id}`),
          ['PATCH'],
          ['cookie', 'cookie', 'device'],
          jsonOf({ name, departmentId, line: name }),
        ),
        simple(
          fc.tuple(target('stations'), fc.constantFrom('retire', 'restore')).map(([id, act]) => `/api/plant/stations/${id}/${act}`),
          ['POST'],
          ['cookie', 'cookie', 'device'],
        ),
        simple(paths('/api/plant/reasons'), ['POST'], ['cookie'], fullJsonOf({ kind, code, label: name })),
        simple(
          target('reasonCodes').map((id) => `/api/plant/reasons/${id}`),
          ['PATCH'],
          ['cookie', 'cookie', 'device'],
          jsonOf({ label: name }),
        ),
        simple(
          fc.tuple(target('reasonCodes'), fc.constantFrom('retire', 'restore')).map(([id, act]) => `/api/plant/reasons/${id}/${act}`),
          ['POST'],
          ['cookie', 'cookie', 'device'],
        ),
        simple(paths('/api/plant/shifts'), ['POST'], ['cookie'], fullJsonOf({ name, start: time, end: time, plannedBreakMinutes: breaks })),
        simple(
          target('shifts').map((id) => `/api/plant/shifts/${id}`),
          ['PATCH', 'DELETE'],
          ['cookie', 'cookie', 'device'],
          jsonOf({ name, start: time, end: time, plannedBreakMinutes: breaks }),
        ),
      );
    }
    case 'static':
      return simple(
        fc.oneof(
          fc.constantFrom(
            '/',
            '/console',
            '/assets/app-abc123.js',
            '/assets/missing.js',
            '/..%2ffloorboard.sqlite',
            '/%2e%2e/floorboard.sqlite',
            '/%2e%2e%2ffloorboard.sqlite',
            '/assets/..%2f..%2ffloorboard.sqlite',
            '/%',
            '/%zz',
            '/index.html%00.js',
            '/\u00e9',
            `/${'a/'.repeat(2_000)}`,
            '//etc/passwd',
            '/floorboard.sqlite-wal',
          ),
          fc.webPath(),
          fc.string({ maxLength: 80 }).map((s) => `/${encodeURIComponent(s)}`),
        ),
        ['GET', 'HEAD'],
        ['none'],
      );
  }
}

/** Fills a plan with the live credentials and the client's next mutation ids. */
export function build(plan: Plan, known: Known, nextId: (clientId: unknown) => number): FuzzRequest {
  const h: Record<string, string> = { ...plan.headers };
  const cookie = known.auth.cookie;
  if (plan.auth === 'device' || plan.auth === 'both') h.authorization = `Bearer ${known.auth.token}`;
  if (plan.auth === 'revoked') h.authorization = `Bearer ${known.auth.revokedToken}`;
  if (plan.auth === 'bad-bearer') h.authorization = 'Bearer not-a-token';
  if (plan.auth === 'basic') h.authorization = 'Basic Y29vcmRpbmF0b3I6eA==';
  if (plan.auth === 'cookie' || plan.auth === 'both') h.cookie = cookie;
  if (plan.auth === 'bad-cookie') h.cookie = 'fb_session=%zz; fb_session=';
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (plan.body !== undefined && typeof plan.body === 'object' && 'push' in plan.body) {
    const env = { ...plan.body.push };
    // A client id belongs to the first device or console that pushes it: keep each to its own.
    const [device, console_] = [known.clientIds[0]!, known.clientIds[known.clientIds.length - 1]!];
    if (plan.auth === 'cookie' && typeof env.clientId === 'string' && env.clientId !== console_ && known.clientIds.includes(env.clientId))
      env.clientId = console_;
    if (plan.auth === 'device' && env.clientId === console_) env.clientId = device;
    let n = Array.isArray(env.mutations) ? nextId(env.clientId) : 0;
    // A story's steps: those it keeps, and `{ $conflictOf: i }` is the id of the conflict step i makes.
    const steps = Array.isArray(env.mutations) ? (env.mutations as unknown[]) : [];
    const idOf = new Map<number, number>();
    const numbered = steps
      .map((m, i) => [m, i] as const)
      .filter(([m]) => !(m !== null && typeof m === 'object' && (m as { keep?: unknown }).keep === false))
      .map(([m, i]) => {
        if (m === null || typeof m !== 'object' || (m as { id?: unknown }).id !== 'next') return m;
        const { keep: _keep, ...rest } = m as Record<string, unknown>;
        idOf.set(i, n);
        return { ...rest, id: n++ };
      });
    const mutations = Array.isArray(env.mutations)
      ? numbered.map((m) => {
          const args = (m as { args?: Record<string, unknown> } | null)?.args;
          const ref = args && typeof args === 'object' ? (args.conflictId as { $conflictOf?: number } | undefined)?.$conflictOf : undefined;
          return ref === undefined ? m : { ...(m as object), args: { ...args, conflictId: `${String(env.clientId)}:${idOf.get(ref) ?? 0}` } };
        })
      : env.mutations;
    const text = JSON.stringify({ ...env, mutations });
    body = plan.body.deepArgs ? text.replace(/"args":/, `"args":${nested(plan.body.deepArgs, 'object', '0')},"_":`) : text;
  } else body = plan.body as string | Uint8Array<ArrayBuffer> | undefined;
  const m = plan.method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') body = undefined;
  if (body === undefined) delete h['content-length'];
  return { path: plan.path, init: { method: plan.method, headers: h, body } };
}
