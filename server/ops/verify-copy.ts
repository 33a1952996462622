import { auditHead, type AuditHead } from '../audit/head';
import { verifyAudit, type AuditReport } from '../audit/verify';
import type { Store } from '../store/types';

/** What a backup, a restore or a move holds, as the operator is told it. */
export interface CopyFacts {
  head: AuditHead;
  /** The change sequence (meta head). */
  version: number;
  records: number;
  report: AuditReport;
}

/** Verifies the audit chain (and the records it explains) of a copy and reads what it holds. */
export async function verifyCopy(store: Store): Promise<CopyFacts> {
  const report = await verifyAudit(store);
  return { head: await auditHead(store), version: await store.head(), records: await store.countRecords(), report };
}

/** One line naming the head: what to hold a later verify to (`npm run audit:verify -- --head …`). */
export const headLine = (f: CopyFacts): string =>
  `audit head ${f.head.seq}:${f.head.hash}${f.head.at ? ` (${f.head.at})` : ''}, change sequence ${f.version}, ${f.records} records`;

/** Why a verify failed, in one line. */
export const failureOf = (r: AuditReport): string =>
  r.brokenAt !== undefined || r.reason
    ? `the audit chain is broken${r.brokenAt !== undefined ? ` at seq ${r.brokenAt}` : ''}: ${r.reason}`
    : `records differ from what the audit chain explains (${r.state.ok ? 0 : r.state.findings.length + r.state.more})`;
