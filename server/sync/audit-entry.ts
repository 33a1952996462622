import type { AuditEntry } from '../../shared/schema';
import { canonicalJson, GENESIS_HASH, hashCanonical } from '../audit/chain';
import type { AuditRow, RecordWrite, StoreWriter } from '../store/types';
import { recordWriteJson } from './records';

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
  // Serialised once: the canonical JSON is hashed, stored as the chain's entry (valid JSON of the
  // same entry, so verify re-derives the same text), and extended into the synced record's value.
  const entry = canonicalJson(full);
  const hash = hashCanonical(full.prevHash, entry);
  const row: AuditRow = { seq: full.seq, prevHash: full.prevHash, hash, entry };
  await tx.appendAudit(row);
  const value = `${entry.slice(0, -1)},"hash":"${hash}","version":${version},"updatedAt":${JSON.stringify(serverAt)}}`;
  return recordWriteJson('audit', { ...full, hash }, value, version, serverAt);
}
