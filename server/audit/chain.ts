import { createHash } from 'node:crypto';
import type { AuditRow, Store } from '../store/types';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same. Keys whose
 * value is undefined are left out; undefined (and functions) elsewhere is `null`. Written with plain
 * loops: it runs over every audit entry (before/after images included) on the push path. Keys come
 * from a small vocabulary (field names, `entity/id`), so their quoted form is kept.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value) ?? 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += v === undefined ? 'null' : canonicalJson(v);
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += quoted(k) + ':' + canonicalJson(v);
  }
  return out + '}';
}

const QUOTED_KEYS = 10_000;
const quotedKeys = new Map<string, string>();

/** `JSON.stringify(key)`, remembered for the first QUOTED_KEYS keys seen. */
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS) quotedKeys.set(key, q);
  }
  return q;
}

/** A4: hash = sha256(prevHash + canonical JSON of the entry without its hash). */
export function chainHash(prevHash: string, entryWithoutHash: Record<string, unknown>): string {
  return hashCanonical(prevHash, canonicalJson(entryWithoutHash));
}

/** `chainHash` of an entry already in canonical JSON. */
export function hashCanonical(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first seq whose link does not hold. */
  brokenAt?: number;
  reason?: string;
}

/**
 * Checks links one at a time in seq order (A4): each must follow the previous one (seq + 1, its
 * prevHash) and hash to its stored hash. The first broken link is kept; later ones are still
 * parsed and handed back, so a state replay can go on over the whole table.
 */
export function chainChecker() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let broken: VerifyResult | undefined;
  const breakAt = (seq: number, reason: string) => {
    broken ??= { ok: false, entries, brokenAt: seq, reason };
  };
  return {
    /** Checks one link; returns its parsed entry, or undefined when the entry is not JSON. */
    next(row: AuditRow): Record<string, unknown> | undefined {
      let entry: Record<string, unknown> | undefined;
      try {
        entry = JSON.parse(row.entry) as Record<string, unknown>;
      } catch {
        entry = undefined;
      }
      if (broken) return entry;
      if (row.seq !== expectedSeq) breakAt(expectedSeq, 'missing entry');
      else if (row.prevHash !== prev) breakAt(row.seq, 'prevHash does not match the previous entry');
      else if (!entry) breakAt(row.seq, 'entry is not valid JSON');
      else if (entry.seq !== row.seq || entry.prevHash !== prev) breakAt(row.seq, 'entry seq or prevHash was altered');
      else if (hashCanonical(prev, canonicalJson(entry)) !== row.hash) breakAt(row.seq, 'hash does not match the entry');
      else {
        prev = row.hash;
        expectedSeq += 1;
        entries += 1;
      }
      return entry;
    },
    result(): VerifyResult {
      return broken ?? { ok: true, entries };
    },
  };
}

const PAGE = 2_000;

/** Every link of the store's chain in seq order, a page at a time. */
export async function* auditRows(store: Pick<Store, 'auditEntries'>): AsyncGenerator<AuditRow> {
  for (let after = 0; ; ) {
    const rows = await store.auditEntries(after, PAGE);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.seq;
  }
}

/** Walks the whole chain in seq order and reports the first broken link (A4). */
export async function verifyAuditChain(store: Store): Promise<VerifyResult> {
  const check = chainChecker();
  for await (const row of auditRows(store)) {
    check.next(row);
    if (!check.result().ok) break;
  }
  return check.result();
}
