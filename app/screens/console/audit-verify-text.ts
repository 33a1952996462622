import type { AuditVerifyReport } from '../../session/console-api';

/** One line of the verify result: its words and whether it is good news. */
export interface VerifyLine {
  ok: boolean;
  text: string;
  testid: string;
}

const PROBLEM: Record<string, (seq?: number) => string> = {
  edited: () => 'changed outside the app',
  added: () => 'added outside the app',
  deleted: () => 'removed outside the app',
  'changed-before': (seq) => `changed outside the app before entry ${seq ?? '?'}`,
};

/** The head as people copy it to publish it: `seq:hash`, as `?head=` and `--head` take it. */
export const headText = (h: { seq: number; hash: string }): string => `${h.seq}:${h.hash}`;

/** The verify result in the console's words: the chain, the published head, the records (A4, X5). */
export function verifyLines(r: AuditVerifyReport): VerifyLine[] {
  const lines: VerifyLine[] = [];
  const chainOk = r.brokenAt === undefined && r.reason === undefined;
  lines.push({
    ok: chainOk,
    testid: 'audit-verify-chain',
    text: chainOk
      ? `The audit chain is intact (${r.entries} entries).`
      : `The audit chain is BROKEN at entry ${r.brokenAt ?? '?'} (${r.entries} entries before it verify). Someone changed the trail.`,
  });
  if (r.headCheck) {
    const at = `entry ${r.headCheck.expected.seq}`;
    lines.push({
      ok: r.headCheck.ok,
      testid: 'audit-verify-head-check',
      text: r.headCheck.ok
        ? `The chain still holds the published head (${at}).`
        : r.headCheck.problem === 'truncated'
          ? `The chain is SHORTER than the published head (${at}): entries were removed from its end.`
          : `The chain was REWRITTEN: ${at} is not the one that was published.`,
    });
  }
  if (r.state) {
    const n = r.state.findings.length + r.state.more;
    lines.push({
      ok: r.state.ok,
      testid: 'audit-verify-state',
      text: r.state.ok
        ? `All ${r.state.records} records match the audit trail.`
        : `${n} ${n === 1 ? 'record does' : 'records do'} not match the audit trail: ` +
          r.state.findings.map((f) => `${f.entity} ${f.id} ${(PROBLEM[f.problem] ?? (() => f.problem))(f.seq)}`).join('; ') +
          (r.state.more ? `; and ${r.state.more} more.` : '.'),
    });
  }
  return lines;
}
