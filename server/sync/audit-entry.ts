import { scopesOf, type AuditEntry } from '../../shared/schema';
import { canonicalJson, GENESIS_HASH, hashCanonical } from '../audit/chain';
import type { AuditLink, StoreWriter } from '../store/types';

export type AuditBody = Omit<AuditEntry, 'hash' | 'version' | 'updatedAt'>;

/** Who receives `audit` records: the console only (shared/schema scopesOf). */
export const AUDIT_SCOPES = scopesOf('audit', {});

/**
 * Appends one link to the audit chain (A4). The link is also the console's `audit` record, synced
 * at `version` (see AuditLink). Runs in the mutation's transaction, so the chain and the change
 * commit together or not at all (S4).
 */
export async function appendAudit(tx: StoreWriter, body: Omit<AuditBody, 'seq' | 'prevHash'>, version: number, serverAt: string): Promise<void> {
  const last = await tx.lastAudit();
  const full: AuditBody = { ...body, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  // Serialised once: the canonical JSON is hashed and stored as the chain's entry (valid JSON of
  // the same entry, so verify re-derives the same text).
  const entry = canonicalJson(full);
  const link: AuditLink = {
    seq: full.seq,
    prevHash: full.prevHash,
    hash: hashCanonical(full.prevHash, entry),
    entry,
    id: body.id,
    version,
    updatedAt: serverAt,
  };
  await tx.appendAudit(link);
}
