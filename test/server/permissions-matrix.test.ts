import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATORS, type MutationName } from '../../shared/domain/mutators';
import { makePinSecrets } from '../../shared/domain/pin';
import { Role, type AuditEntry, type EntityName, type OperationChange } from '../../shared/schema';
import { hashPassword } from '../../server/auth/crypto';
import { putAuditedRecords } from '../../server/audit/system';
import { toRecordWrite } from '../../server/sync/records';
import { makeChange, makeConflict, makeDocument, makeHold, makeOperation, makeQuantityReport, makeShift, makeWorkOrder } from '../fakes/builders';
import { makeHarness, recordOf, type Harness } from './harness';
import { withProofs } from './proofs';

/**
 * X3: every role × every mutation × every device scope, through the real app on a real SQLite
 * file, with the outcome each cell must have. The tables below are keyed by the catalogue and the
 * role enum, so a new mutation or a new role does not compile until someone decides its row.
 */

const STATION = 'st-mill-1';
const OTHER = 'st-weld-1';

/** What a role is for the station check: floor roles work at their own stations, office roles at any. */
const ROLE_KIND: Record<Role, 'floor' | 'office' | 'read-only'> = {
  operator: 'floor',
  lead: 'floor',
  supervisor: 'floor',
  coordinator: 'office',
  planner: 'office',
  quality: 'office',
  maintenance: 'office',
  warehouse: 'office',
  engineering: 'office',
  admin: 'office',
  auditor: 'read-only',
};

const PEOPLE: Role[] = ['operator', 'lead', 'supervisor', 'coordinator', 'planner', 'quality', 'maintenance', 'warehouse', 'engineering', 'admin'];
const FLOOR: Role[] = ['operator', 'lead', 'supervisor', 'coordinator', 'admin'];
const HOLDERS: Role[] = ['lead', 'supervisor', 'coordinator', 'quality', 'warehouse', 'engineering', 'admin'];
/** Who owns drawings, instructions and travelers (T1, T2); maintenance and warehouse only read them. */
const DOCUMENT_CONTROL: Role[] = ['coordinator', 'planner', 'quality', 'engineering', 'admin'];

/** Who may call each mutation (DESIGN §4); the auditor may call none. */
const ALLOWED: Record<MutationName, Role[]> = {
  startOperation: FLOOR,
  pauseOperation: FLOOR,
  completeOperation: FLOOR,
  reportQuantity: FLOOR,
  correctQuantity: FLOOR,
  undoLast: FLOOR,
  acknowledgeChange: PEOPLE,
  addNote: PEOPLE,
  postScheduleChange: ['coordinator', 'planner', 'admin'],
  placeHold: HOLDERS,
  releaseHold: HOLDERS,
  resolveConflict: ['supervisor', 'coordinator', 'admin'],
  editWorkOrder: ['coordinator', 'planner', 'admin'],
  createDocument: DOCUMENT_CONTROL,
  releaseDocument: DOCUMENT_CONTROL,
  releaseTraveler: DOCUMENT_CONTROL,
};

/** T2: released at the console, where the files are uploaded; a tablet only shows them. */
const CONSOLE_ONLY: ReadonlySet<MutationName> = new Set(['createDocument', 'releaseDocument', 'releaseTraveler']);

type Fixture = { entity: EntityName; value: Record<string, unknown> };
/** A whole-day shift, so an operator's correction of their own report made now is in its shift. */
const SHIFT = 'matrix-shift';
/**
 * Each cell's own records at the station (prefix `p`), and its args: cells never share state. The
 * correction and the undo act on the caller's own report and start, made at the server's `now`.
 */
const CELL: Record<
  MutationName,
  (p: string, role: Role, now: string) => { args: Record<string, unknown>; opStatus?: 'pending' | 'running'; lastChange?: OperationChange; extra?: Fixture[] }
> = {
  startOperation: (p) => ({ args: { operationId: `${p}-op` }, opStatus: 'pending' }),
  pauseOperation: (p) => ({ args: { operationId: `${p}-op` }, opStatus: 'running' }),
  completeOperation: (p) => ({ args: { operationId: `${p}-op` }, opStatus: 'running' }),
  reportQuantity: (p) => ({ args: { id: `${p}-q`, operationId: `${p}-op`, good: 1, scrap: 0 }, opStatus: 'running' }),
  correctQuantity: (p, role, now) => ({
    args: { id: `${p}-fix`, reportId: `${p}-q0`, good: 2, scrap: 0, reason: 'miscounted', shiftId: SHIFT },
    opStatus: 'running',
    extra: [
      {
        entity: 'quantityReports',
        value: makeQuantityReport({
          id: `${p}-q0`,
          operationId: `${p}-op`,
          workOrderId: `${p}-wo`,
          stationId: STATION,
          good: 1,
          userId: userId(role),
          at: now,
        }),
      },
    ],
  }),
  undoLast: (p, role, now) => ({
    args: { id: `${p}-undo`, operationId: `${p}-op`, act: 'startOperation', actAt: now },
    opStatus: 'running',
    lastChange: { mutation: 'startOperation', actorId: userId(role), deviceId: 'dev-matrix', at: now, from: 'pending', recordedAt: now },
  }),
  acknowledgeChange: (p) => ({
    args: { changeId: `${p}-sc` },
    extra: [{ entity: 'scheduleChanges', value: makeChange({ id: `${p}-sc`, stationIds: [STATION], workOrderIds: [`${p}-wo`], postedBy: 'u-coordinator' }) }],
  }),
  addNote: (p) => ({ args: { id: `${p}-note`, stationId: STATION, text: 'coolant low' } }),
  postScheduleChange: (p) => ({
    args: { id: `${p}-new-sc`, kind: 'note', message: 'Toolbox talk', stationIds: [STATION], workOrderIds: [`${p}-wo`], requiresAck: false },
  }),
  placeHold: (p) => ({ args: { id: `${p}-new-hold`, workOrderId: `${p}-wo`, kind: 'quality', reason: 'check' } }),
  releaseHold: (p) => ({
    args: { holdId: `${p}-hold` },
    extra: [{ entity: 'holds', value: makeHold({ id: `${p}-hold`, workOrderId: `${p}-wo`, stationIds: [STATION], placedBy: 'u-coordinator' }) }],
  }),
  resolveConflict: (p) => ({
    args: { conflictId: `${p}-cf`, resolution: 'talked it through' },
    extra: [{ entity: 'conflicts', value: makeConflict({ id: `${p}-cf`, stationIds: [STATION], actorId: 'u-op-nguyen' }) }],
  }),
  editWorkOrder: (p) => ({ args: { workOrderId: `${p}-wo`, priority: 5 } }),
  createDocument: (p) => ({
    args: { id: `${p}-new-doc`, number: `DWG-${p}`, title: 'Drawing', revision: 'A', contentType: 'application/pdf', sha256: 'd'.repeat(64), bytes: 100 },
  }),
  releaseDocument: (p) => ({
    args: { documentId: `${p}-doc` },
    extra: [{ entity: 'documents', value: makeDocument({ id: `${p}-doc`, number: `DWG-${p}`, status: 'draft', releasedAt: null, releasedBy: null }) }],
  }),
  releaseTraveler: (p) => ({
    args: { id: `${p}-trv`, workOrderId: `${p}-wo`, revision: 'B', documentIds: [`${p}-doc`], flags: [], notes: '' },
    extra: [{ entity: 'documents', value: makeDocument({ id: `${p}-doc`, number: `DWG-${p}` }) }],
  }),
};

const SCOPES = ['station tablet', 'other tablet', 'console'] as const;
type Scope = (typeof SCOPES)[number];

/** The expected outcome of one cell: `applied`, or the rejection code. */
function expected(role: Role, name: MutationName, scope: Scope): string {
  const allowed = ALLOWED[name].includes(role);
  if (CONSOLE_ONLY.has(name) && scope !== 'console') {
    if (scope === 'other tablet' && ROLE_KIND[role] !== 'office') return 'actor-not-at-device';
    return allowed ? 'console-only' : 'role-not-allowed';
  }
  if (scope === 'other tablet') {
    // The actor check comes first: a floor role (or the auditor) does not work at the weld cell.
    if (ROLE_KIND[role] !== 'office') return 'actor-not-at-device';
    return allowed ? 'not-allowed-at-station' : 'role-not-allowed';
  }
  return allowed ? 'applied' : 'role-not-allowed';
}

const MUTATION_NAMES = Object.keys(MUTATORS) as MutationName[];
const userId = (role: Role) => `u-matrix-${role}`;
const NAMES_BY_SCOPE: Record<Scope, string> = { 'station tablet': 'st', 'other tablet': 'ot', console: 'co' };

describe('[X3] permissions: every role × mutation × device scope', () => {
  let h: Harness;
  const outcomes = new Map<string, { outcome: string; code?: string }>();
  const clientOf = (role: Role, scope: Scope) => `matrix-${NAMES_BY_SCOPE[scope]}-${role}`;
  const prefix = (role: Role, scope: Scope, name: MutationName) => `${NAMES_BY_SCOPE[scope]}-${role}-${name}`;

  beforeAll(async () => {
    h = await makeHarness();
    const now = new Date(h.clock.now()).toISOString();
    const fixtures: Fixture[] = [{ entity: 'shifts', value: makeShift({ id: SHIFT, start: '00:00', end: '00:00' }) }];
    const secrets = await Promise.all(Role.options.map(async (role) => ({ role, s: await makePinSecrets('2580', 1) })));
    for (const { role, s } of secrets) {
      fixtures.push({
        entity: 'users',
        value: { id: userId(role), name: `Matrix ${role}`, badge: `M-${role}`, role, stationIds: [STATION], pin: s.verifier, active: true },
      });
    }
    for (const role of Role.options) {
      for (const scope of SCOPES) {
        for (const name of MUTATION_NAMES) {
          const p = prefix(role, scope, name);
          const cell = CELL[name](p, role, now);
          fixtures.push({
            entity: 'workOrders',
            value: makeWorkOrder({ id: `${p}-wo`, number: `WO-${p}`, stationIds: [STATION], operationCount: 1, status: 'released' }),
          });
          fixtures.push({
            entity: 'operations',
            value: makeOperation({
              id: `${p}-op`,
              workOrderId: `${p}-wo`,
              stationId: STATION,
              status: cell.opStatus ?? 'pending',
              lastChange: cell.lastChange ?? null,
            }),
          });
          fixtures.push(...(cell.extra ?? []));
        }
      }
    }
    const passwordHash = await hashPassword('matrix-pass-1');
    await h.store.transaction(async (tx) => {
      const version = await tx.nextVersion();
      // Through the chain like any record written outside a mutation, so the verify below holds.
      const rows = fixtures.map((f) => {
        const { version: _v, updatedAt: _u, ...draft } = f.value;
        return toRecordWrite(f.entity, draft, version, now);
      });
      await putAuditedRecords(tx, rows, 'matrixFixtures', now);
      for (const { role, s } of secrets) {
        await tx.setProofKey(userId(role), s.proofKey);
        await tx.upsertConsoleUser({ userId: userId(role), username: `matrix-${role}`, passwordHash });
      }
    });

    const station = (await h.enroll([STATION], 'Mill tablet')).token;
    const other = (await h.enroll([OTHER], 'Weld tablet')).token;
    for (const role of Role.options) {
      for (const scope of SCOPES) {
        const clientId = clientOf(role, scope);
        const ms = MUTATION_NAMES.map((name, i) => ({ id: i + 1, name, args: CELL[name](prefix(role, scope, name), role, now).args, actorId: userId(role) }));
        const auth =
          scope === 'console' ? { cookie: await h.signIn(`matrix-${role}`, 'matrix-pass-1') } : { token: scope === 'station tablet' ? station : other };
        // On a tablet the person signed in with badge and PIN: every mutation carries their proof.
        const res = await h.push(auth, clientId, scope === 'console' ? ms : await withProofs(h.store, clientId, now, ms));
        expect(res.status).toBe(200);
        const { results } = (await res.json()) as { results: { id: number; outcome: string; code?: string }[] };
        for (const r of results) outcomes.set(`${clientId}:${r.id}`, r);
      }
    }
  }, 120_000);
  afterAll(() => h.close());

  it('the tables cover the whole catalogue and every role', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...MUTATION_NAMES].sort());
    expect(Object.keys(ROLE_KIND).sort()).toEqual([...Role.options].sort());
    for (const name of MUTATION_NAMES) expect([...MUTATORS[name].roles].sort(), name).toEqual([...ALLOWED[name]].sort());
  });

  const cells = Role.options.flatMap((role) =>
    MUTATION_NAMES.flatMap((name) => SCOPES.map((scope) => [role, name, scope, expected(role, name, scope)] as const)),
  );
  it.each(cells)('[A3] a %s calling %s from the %s: %s', async (role, name, scope, want) => {
    const clientId = clientOf(role, scope);
    const id = MUTATION_NAMES.indexOf(name) + 1;
    const got = outcomes.get(`${clientId}:${id}`)!;
    expect(got.outcome === 'applied' ? 'applied' : got.code).toBe(want);
    const audit = (await recordOf<AuditEntry>(h.store, 'audit', `${clientId}:${id}`))!;
    expect(audit.backing).toBe(scope === 'console' ? 'console' : 'pin');
    // A refused act writes its rejection and nothing else (S4, S5).
    if (want !== 'applied') expect(Object.keys(audit.after).every((k) => k.startsWith('rejections/'))).toBe(true);
  });

  it('[X3] the auditor sees everything the coordinator sees on the console and changed nothing', async () => {
    const pull = async (cookie: string) => {
      const res = await h.req('/api/sync/pull?clientId=matrix-pull-1&cursor=0', { cookie });
      return ((await res.json()) as { changes: { entity: string; id: string }[] }).changes.map((c) => `${c.entity}/${c.id}`).sort();
    };
    const auditor = await pull(await h.signIn('matrix-auditor', 'matrix-pass-1'));
    expect(auditor).toEqual(await pull(await h.signIn()));
    expect(auditor.some((k) => k.startsWith('audit/'))).toBe(true);
    const applied = [...outcomes.entries()].filter(([k, r]) => k.includes('-auditor') && r.outcome === 'applied');
    expect(applied).toEqual([]);
    // The audit trail is theirs to verify and export; enrolling tablets is not.
    const cookie = await h.signIn('matrix-auditor', 'matrix-pass-1');
    expect(await (await h.req('/api/audit/verify', { cookie })).json()).toMatchObject({ ok: true });
    expect((await h.req('/api/audit/export', { cookie })).status).toBe(200);
    expect((await h.req('/api/devices', { body: { name: 'Rogue', stationIds: [STATION] }, cookie })).status).toBe(403);
  });
});
