import { createHash } from 'node:crypto';
import type { Store } from '../store/types';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same. Keys whose
 * value is undefined are left out; undefined (and functions) elsewhere is `null`. It runs over
 * every audit entry (before/after images included) on the push path, so the usual case is a copy
 * with sorted keys handed to the native `JSON.stringify`; shapes where that could write something
 * else (integer-like keys, which JS objects always enumerate first; non-plain objects; functions
 * and symbols as object values; `__proto__`) take the plain recursive writer instead.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === SLOW ? canonicalJsonSlow(value) : (JSON.stringify(sorted) ?? 'null');
}

const SLOW = Symbol('slow');
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = sortedCopy(value[i]);
      if (v === SLOW) return SLOW;
      out[i] = v;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return SLOW;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (typeof v === 'function' || typeof v === 'symbol' || k === '__proto__' || INDEX_LIKE.test(k)) return SLOW;
    const c = sortedCopy(v);
    if (c === SLOW) return SLOW;
    out[k] = c;
  }
  return out;
}

/** The canonical writer, one value at a time (see `canonicalJson`). */
export function canonicalJsonSlow(value: unknown): string {
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
      out += v === undefined ? 'null' : canonicalJsonSlow(v);
    }
    return out + ']';
  }
  return canonicalObject(value as Record<string, unknown>);
}

function canonicalObject(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(k) + ':' + canonicalJsonSlow(v);
  }
  return out + '}';
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
