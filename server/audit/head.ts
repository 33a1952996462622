import type { StoreReader } from '../store/types';
import { GENESIS_HASH } from './chain';

/** The newest link of the chain, as published (X5): its seq, its hash and its server time. */
export interface AuditHead {
  seq: number;
  hash: string;
  /** The head entry's `serverAt`; null for an empty chain. */
  at: string | null;
}

/** A head someone wrote down earlier and now holds the chain to. */
export type ExpectedHead = Pick<AuditHead, 'seq' | 'hash'>;

/** What holding the chain to an expected head found. */
export type HeadCheck = { ok: true; expected: ExpectedHead } | { ok: false; expected: ExpectedHead; problem: 'truncated' | 'rewritten'; reason: string };

/** The chain's current head (seq 0 and the genesis hash when it is empty). */
export async function auditHead(store: Pick<StoreReader, 'lastAudit'>): Promise<AuditHead> {
  const last = await store.lastAudit();
  if (!last) return { seq: 0, hash: GENESIS_HASH, at: null };
  return { seq: last.seq, hash: last.hash, at: serverAtOf(last.entry) };
}

function serverAtOf(entry: string): string | null {
  try {
    const at = (JSON.parse(entry) as { serverAt?: unknown }).serverAt;
    return typeof at === 'string' ? at : null;
  } catch {
    return null;
  }
}

/** Parses `seq:hash` (as `/api/audit/head` gives it, joined by a colon); undefined when malformed. */
export function parseHead(text: string): ExpectedHead | undefined {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : undefined;
}

/**
 * Holds the chain to an expected head (X5): the chain may have grown since it was published, but
 * it must still have a link at that seq with that hash. Fewer links is a truncated tail; another
 * hash there is a chain rewritten up to (at least) that link.
 */
export function checkHead(expected: ExpectedHead, length: number, hashAtSeq: string | undefined): HeadCheck {
  if (expected.seq === 0) {
    return expected.hash === GENESIS_HASH
      ? { ok: true, expected }
      : { ok: false, expected, problem: 'rewritten', reason: 'an empty chain has the genesis hash' };
  }
  if (length < expected.seq) {
    return { ok: false, expected, problem: 'truncated', reason: `the chain has ${length} links; the published head is at seq ${expected.seq}` };
  }
  if (hashAtSeq !== expected.hash) {
    return {
      ok: false,
      expected,
      problem: 'rewritten',
      reason: `the link at seq ${expected.seq} is not the one published (its hash is ${hashAtSeq ?? 'missing'})`,
    };
  }
  return { ok: true, expected };
}
