import type { EntityName } from '../../shared/schema';
import { applyParsedMutation, parseMutationArgs } from '../../shared/domain/mutators';
import { rejected, type MutationResultValue } from '../../shared/domain/tx';
import { timeFlags } from '../../shared/domain/clock';
import type { MutationResult, PushMutation } from '../../shared/protocol';
import type { ClientRow, RecordWrite, StoreWriter } from '../store/types';
import { HttpError } from '../errors';
import { appendAudit, AUDIT_SCOPES } from './audit-entry';
import { authorize } from './authorize';
import { argsProblem, argsSummary, keptRejectedArgs } from './bounds';
import { ownClient, type Principal } from './principal';
import { stampedRecordWrite } from './records';
import { ServerTx } from './server-tx';

export interface ApplyOutcome {
  result: MutationResult;
  /** False when the mutation had already been processed (S2): nothing was written. */
  processed: boolean;
  /** The client's `lastMutationId` after this mutation. */
  lastMutationId: number;
  /** The change sequence this mutation was written at (0 when nothing was written). */
  version: number;
  scopes: string[];
}

const gap = (expected: number, got: number, last: number) =>
  new HttpError(409, 'mutation-gap', `expected mutation ${expected}, got ${got}`, { lastMutationId: last });

/**
 * S1 and S3 for a whole push, in the transaction that applies its first mutation: a client id
 * bound to another device is refused, and a gap anywhere in the batch applies nothing at all.
 */
export async function checkPush(tx: StoreWriter, principal: Principal, clientId: string, mutations: PushMutation[]): Promise<ClientRow | undefined> {
  const client = await tx.getClient(clientId);
  // 5: S1, the client id is the caller's.
  ownClient(client, principal);
  // 6: S3, a gap anywhere in the batch applies nothing: the unprocessed tail is last+1, last+2, …
  const last = client?.lastMutationId ?? 0;
  let expected = last + 1;
  for (const m of mutations) {
    if (m.id <= last) continue;
    if (m.id !== expected) throw gap(expected, m.id, last);
    expected++;
  }
  return client;
}

/** What a mutation writes: its records, and their before and after images for the audit link. */
interface Written {
  writes: RecordWrite[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  stx: ServerTx;
  version: number;
  now: string;
}

// A function of the module, not a closure made in every applyOne: the server runs through tsx, whose
// esbuild output names each such closure with a defineProperty call per mutation.
function write(w: Written, entity: EntityName, draft: Record<string, unknown>): void {
  // Stamped once: the stored JSON's value is also the after-image, without parsing it back.
  const value: Record<string, unknown> = { ...draft, version: w.version, updatedAt: w.now };
  const row = stampedRecordWrite(entity, value, w.version, w.now);
  const k = `${entity}/${row.id}`;
  w.writes.push(row);
  w.before[k] = w.stx.before[k] ?? null;
  w.after[k] = value;
}

/**
 * Applies one pushed mutation inside the caller's transaction (S4): its records, its rejection or
 * conflict record, its audit link and the bump of `lastMutationId` commit together.
 */
export async function applyOne(
  tx: StoreWriter,
  principal: Principal,
  clientId: string,
  m: PushMutation,
  serverNow: number,
  /** The client row as just read in this transaction (by checkPush); read here otherwise. */
  known?: { client: ClientRow | undefined },
): Promise<ApplyOutcome> {
  // Read inside the transaction: another push of the same client may have committed meanwhile.
  const client = known ? known.client : await tx.getClient(clientId);
  // 5: S1 again for each mutation: a later transaction may see a row another instance wrote since.
  const owner = ownClient(client, principal);
  // 8: S2, an id the client has already had processed is skipped and writes nothing.
  const last = client?.lastMutationId ?? 0;
  if (m.id <= last) return { result: { id: m.id, outcome: 'applied' }, processed: false, lastMutationId: last, version: 0, scopes: [] };
  if (m.id !== last + 1) throw gap(last + 1, m.id, last);

  // One version for every write of this mutation and its audit link (S6 pulls them as one).
  const version = await tx.nextVersion();
  const now = new Date(serverNow).toISOString();
  // 9: S5, args out of bounds are refused here; what the records and the audit keep of the args is
  // bounded too: parsed where the schema accepts them (unknown fields stripped), a few KB raw otherwise.
  const problem = argsProblem(m.args);
  const parsed = problem ? undefined : parseMutationArgs(m.name, m.args);
  const args = problem ? argsSummary(m.args, problem.code) : parsed?.success ? parsed.data : keptRejectedArgs(m.args ?? null);
  // 10: A3, who the actor is and what backs the claim (authorize.ts); asked even when 9 refused, so
  // the audit says what backed every act.
  const auth = await authorize(tx, principal, clientId, m, now);
  const stx = new ServerTx(tx, { version, updatedAt: now });
  let value: MutationResultValue;
  if (problem) value = rejected(problem.code, problem.message);
  else if (!auth.ok) value = rejected(auth.code, auth.message);
  else {
    // 11: C2, the shared mutator decides, as on the tablet: its args schema, role and station scope,
    // then the state machine; a transition no longer legal is a conflict, not an error.
    try {
      value = await applyParsedMutation(stx, m.name, parsed, { ...auth.ctx, backing: auth.backing, seq: version });
    } catch (err) {
      // A throwing mutator is a bug; answering `rejected` keeps it from blocking the queue (S5).
      console.error(`mutator ${m.name} threw`, err);
      value = rejected('server-error', 'the server could not apply this change');
    }
  }

  // 12: S5, a refusal is a record too (one per mutation, id `<clientId>:<mutationId>`), and it
  // still advances lastMutationId below: one bad mutation never blocks the queue.
  const id = `${clientId}:${m.id}`;
  const common = { id, mutation: m.name, args: args ?? null, actorId: m.actorId, deviceId: principal.deviceId, at: m.at, backing: auth.backing };
  const w: Written = { writes: [], before: {}, after: {}, stx, version, now };
  if (value.outcome === 'applied') {
    for (const d of stx.drafts()) write(w, d.entity, d.value);
    // T4, C4: an applied mutation may raise a conflict record too, under the same id a losing one gets.
    if (value.raised) {
      const { code, message, other, kept, stationIds } = value.raised;
      write(w, 'conflicts', { ...common, code, message, other, kept, stationIds, status: 'open', resolvedBy: null, resolution: null });
    }
  } else if (value.outcome === 'rejected') {
    write(w, 'rejections', { ...common, code: value.code, message: value.message });
  } else {
    const { code, message, other, kept, stationIds } = value;
    write(w, 'conflicts', { ...common, code, message, other, kept, stationIds, status: 'open', resolvedBy: null, resolution: null });
  }
  const { writes, before, after } = w;

  // 13: A4, the audit link: actor, device, both times (S10), before and after, chained by hash.
  const flags = [...timeFlags(m.at, serverNow), ...(value.outcome === 'applied' ? (value.flags ?? []) : [])];
  const code = value.outcome === 'applied' ? null : value.code;
  await appendAudit(
    tx,
    {
      id,
      clientId,
      mutationId: m.id,
      mutation: m.name,
      args: args ?? null,
      actorId: m.actorId,
      deviceId: principal.deviceId,
      stationIds: principal.kind === 'device' ? principal.stationIds : [],
      at: m.at,
      serverAt: now,
      outcome: value.outcome,
      code,
      backing: auth.backing,
      flags,
      before,
      after,
    },
    version,
    now,
  );
  // 14: S4, the records, the audit link and the bump of lastMutationId, in this one savepoint.
  await tx.putRecords(writes);
  await tx.setClient({ clientId, owner, lastMutationId: m.id });

  const result: MutationResult = { id: m.id, outcome: value.outcome };
  if (value.outcome !== 'applied') Object.assign(result, { code: value.code, message: value.message });
  return { result, processed: true, lastMutationId: m.id, version, scopes: [...new Set([...writes.flatMap((w) => w.scopes), ...AUDIT_SCOPES])] };
}
