import { createHash } from 'node:crypto';
import type { Store } from '../store/types';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** A4: hash = sha256(prevHash + canonical JSON of the entry without its hash). */
export function chainHash(prevHash: string, entryWithoutHash: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entryWithoutHash)).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first seq whose link does not hold. */
  brokenAt?: number;
  reason?: string;
}

const PAGE = 2_000;

/** Walks the whole chain in seq order and reports the first broken link (A4). */
export async function verifyAuditChain(store: Store): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await store.auditEntries(expectedSeq - 1, PAGE);
    if (rows.length === 0) return { ok: true, entries };
    for (const row of rows) {
      const broken = (reason: string): VerifyResult => ({ ok: false, entries, brokenAt: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: expectedSeq, reason: 'missing entry' };
      if (row.prevHash !== prev) return broken('prevHash does not match the previous entry');
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(row.entry) as Record<string, unknown>;
      } catch {
        return broken('entry is not valid JSON');
      }
      if (entry.seq !== row.seq || entry.prevHash !== prev) return broken('entry seq or prevHash was altered');
      if (chainHash(prev, entry) !== row.hash) return broken('hash does not match the entry');
      prev = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
  }
}
