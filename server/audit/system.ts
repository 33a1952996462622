import type { RecordWrite, StoreWriter } from '../store/types';
import { appendAudit, type AuditBody } from '../sync/audit-entry';

/** Records per `system` link: a link carries every record's after-image, so batches stay modest. */
export const SYSTEM_BATCH = 1_000;

/** The actor, device and client of links the server itself writes (E2's `system`). */
export const SYSTEM_ACTOR = 'system';

/**
 * Writes records that no mutation made (the demo and bench seeds, the first coordinator) and, in
 * the same transaction, one `system` link per batch with their before- and after-images, so the
 * state verify can account for every record the store serves (docs/audit.md). `what` names the
 * write in the link's `mutation` field (`seedPlant`, `createCoordinator`).
 *
 * The links are chain-only: their `audit` record has version 0, which no pull reaches, so a seed
 * of a whole plant is not pulled a second time by every console.
 */
export async function putAuditedRecords(tx: StoreWriter, rows: RecordWrite[], what: string, serverAt: string): Promise<void> {
  for (let i = 0; i < rows.length; i += SYSTEM_BATCH) {
    const batch = rows.slice(i, i + SYSTEM_BATCH);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const r of batch) {
      if (r.entity === 'audit') throw new Error('audit records are links of the chain: appendAudit writes them');
      const key = `${r.entity}/${r.id}`;
      const prev = await tx.getRecord(r.entity, r.id);
      // A record written twice in one batch keeps its first before-image, as a mutation's does.
      if (!(key in before)) before[key] = prev && !prev.deleted ? JSON.parse(prev.value) : null;
      // A tombstone's after-image is null, as the state verify reads a deletion (server/audit/state.ts).
      after[key] = r.deleted ? null : JSON.parse(r.value);
    }
    const seq = ((await tx.lastAudit())?.seq ?? 0) + 1;
    await appendAudit(tx, systemBody(seq, what, batch.length, before, after, serverAt), 0, serverAt);
    await tx.putRecords(batch);
  }
}

/** The body of the `system` link at `seq` (without its seq and prevHash, which the append sets). */
export function systemBody(
  seq: number,
  what: string,
  records: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  serverAt: string,
): Omit<AuditBody, 'seq' | 'prevHash'> {
  return {
    id: `${SYSTEM_ACTOR}:${seq}`,
    clientId: SYSTEM_ACTOR,
    mutationId: seq,
    mutation: what,
    args: { records },
    actorId: SYSTEM_ACTOR,
    deviceId: 'server',
    stationIds: [],
    at: serverAt,
    serverAt,
    outcome: 'applied',
    code: null,
    flags: [],
    before,
    after,
  };
}
