import type { AuditEntry } from '../../shared/schema';
import { chainHash, GENESIS_HASH } from '../audit/chain';
import type { AuditRow, RecordWrite, StoreWriter } from '../store/types';
import { toRecordWrite } from './records';

export type AuditBody = Omit<AuditEntry, 'hash' | 'version' | 'updatedAt'>;

/**
 * Appends one link to the audit chain (A4) and returns the synced `audit` record for it. Runs in
 * the mutation's transaction, so the chain and the change commit together or not at all (S4).
 */
export async function appendAudit(
  tx: StoreWriter,
  body: Omit<AuditBody, 'seq' | 'prevHash'>,
  version: number,
  serverAt: string,
): Promise<RecordWrite> {
  const last = await tx.lastAudit();
  const full: AuditBody = { ...body, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  const hash = chainHash(full.prevHash, full);
  const row: AuditRow = { seq: full.seq, prevHash: full.prevHash, hash, entry: JSON.stringify(full) };
  await tx.appendAudit(row);
  return toRecordWrite('audit', { ...full, hash }, version, serverAt);
}
