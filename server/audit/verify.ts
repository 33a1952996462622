import type { AuditRow, Store } from '../store/types';
import { auditRows, chainChecker, GENESIS_HASH, type VerifyResult } from './chain';
import { parseExportLine } from './export';
import { checkHead, type AuditHead, type ExpectedHead, type HeadCheck } from './head';
import { breather, stateReplay, type StateResult } from './state';

/**
 * Everything a verify found (A4, X5). The chain's fields stay at the top level (`ok` is the
 * verdict of all checks together; `entries`, `brokenAt`, `reason` are the chain walk's).
 */
export interface AuditReport extends VerifyResult {
  /** The head of the chain as walked. */
  head: AuditHead;
  /** The chain held to a head published earlier (`?head=seq:hash`, `--head`). */
  headCheck?: HeadCheck;
  /** An export's links held to the head on its own first line (`--file`). */
  exportCheck?: HeadCheck;
  /**
   * The synced records rebuilt from the chain and compared with the store; for an export, only the
   * before-images held to the replay (there are no stored records to compare with).
   */
  state: StateResult;
}

/** One pass over the links: the chain check, the state replay, and the hashes at the seqs asked for. */
async function walk(rows: AsyncIterable<AuditRow>, wanted: (seq: number) => boolean) {
  const chain = chainChecker();
  const replay = stateReplay();
  const hashes = new Map<number, string>();
  let length = 0;
  let head: AuditHead = { seq: 0, hash: GENESIS_HASH, at: null };
  const pause = breather();
  for await (const row of rows) {
    await pause();
    const entry = chain.next(row);
    if (entry) replay.apply(entry);
    length++;
    if (wanted(row.seq)) hashes.set(row.seq, row.hash);
    head = { seq: row.seq, hash: row.hash, at: typeof entry?.serverAt === 'string' ? entry.serverAt : null };
  }
  return { chain: chain.result(), replay, length, head, hashAt: (seq: number) => hashes.get(seq) };
}

const verdict = (r: Omit<AuditReport, 'ok'> & { chain: VerifyResult }): AuditReport => {
  const { chain, ...rest } = r;
  const ok = chain.ok && r.state.ok && r.headCheck?.ok !== false && r.exportCheck?.ok !== false;
  return { ...rest, ...chain, ok };
};

/** Verifies the store's chain, optionally against a published head, and the records it explains. */
export async function verifyAudit(store: Store, opts: { head?: ExpectedHead } = {}): Promise<AuditReport> {
  // Read first: records written after it are not judged, so a verify on a live server stays exact.
  const upTo = await store.head();
  const w = await walk(auditRows(store), (seq) => seq === opts.head?.seq);
  const state = await w.replay.compare(store, upTo);
  const headCheck = opts.head ? checkHead(opts.head, w.length, w.hashAt(opts.head.seq)) : undefined;
  return verdict({ chain: w.chain, entries: w.chain.entries, head: w.head, headCheck, state });
}

/** Verifies a JSON-lines export without the server: its chain, its own header, the expected head. */
export async function verifyExport(lines: AsyncIterable<string>, opts: { head?: ExpectedHead } = {}): Promise<AuditReport> {
  let header: AuditHead | undefined;
  let bad: string | undefined;
  async function* links(): AsyncGenerator<AuditRow> {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const l = parseExportLine(line);
      if (l.kind === 'bad') bad ??= l.reason;
      else if (l.kind === 'header') {
        if (header) bad ??= 'the export has two headers';
        header = l.head;
      } else {
        if (!header) bad ??= 'the export does not start with its header';
        yield l.row;
      }
    }
  }
  // The header comes first, so its seq is known by the time its link is read.
  const w = await walk(links(), (seq) => seq === header?.seq || seq === opts.head?.seq);
  if (!header) bad ??= 'the export has no header';
  const headCheck = opts.head ? checkHead(opts.head, w.length, w.hashAt(opts.head.seq)) : undefined;
  let exportCheck: HeadCheck | undefined;
  if (header) {
    exportCheck = checkHead(header, w.length, w.hashAt(header.seq));
    if (exportCheck.ok && w.length > header.seq) {
      exportCheck = { ok: false, expected: header, problem: 'rewritten', reason: `the export has ${w.length} links; its header ends at seq ${header.seq}` };
    }
  }
  const chain: VerifyResult = bad ? { ok: false, entries: w.chain.entries, reason: bad } : w.chain;
  return verdict({ chain, entries: chain.entries, head: w.head, headCheck, exportCheck, state: w.replay.result() });
}
