import { formatNumber, t } from '../../i18n';
import type { AuditVerifyReport } from '../../session/console-api';

/** One line of the verify result: its words and whether it is good news. */
export interface VerifyLine {
  ok: boolean;
  text: string;
  testid: string;
}

const PROBLEM: Record<string, (seq?: number) => string> = {
  edited: () => t('console.verify.edited'),
  added: () => t('console.verify.added'),
  deleted: () => t('console.verify.deleted'),
  'changed-before': (seq) => t('console.verify.changedBefore', seq === undefined ? '?' : String(seq)),
};
const n = (v: number | undefined) => (v === undefined ? '?' : formatNumber(v));
/** An entry's number as the head is written (`seq:hash`), without grouping, so it reads as the one to look up. */
const seqText = (v: number | undefined) => (v === undefined ? '?' : String(v));

/** The head as people copy it to publish it: `seq:hash`, as `?head=` and `--head` take it. */
export const headText = (h: { seq: number; hash: string }): string => `${h.seq}:${h.hash}`;

/** The verify result in the console's words: the chain, the published head, the records (A4, X5). */
export function verifyLines(r: AuditVerifyReport): VerifyLine[] {
  const lines: VerifyLine[] = [];
  const chainOk = r.brokenAt === undefined && r.reason === undefined;
  lines.push({
    ok: chainOk,
    testid: 'audit-verify-chain',
    text: chainOk ? t('console.verify.chainOk', n(r.entries)) : t('console.verify.chainBroken', seqText(r.brokenAt), n(r.entries)),
  });
  if (r.headCheck) {
    const at = t('console.verify.entry', seqText(r.headCheck.expected.seq));
    lines.push({
      ok: r.headCheck.ok,
      testid: 'audit-verify-head-check',
      text: r.headCheck.ok
        ? t('console.verify.headOk', at)
        : r.headCheck.problem === 'truncated'
          ? t('console.verify.headTruncated', at)
          : t('console.verify.headRewritten', at),
    });
  }
  if (r.state) {
    const count = r.state.findings.length + r.state.more;
    lines.push({
      ok: r.state.ok,
      testid: 'audit-verify-state',
      text: r.state.ok
        ? t('console.verify.stateOk', n(r.state.records))
        : t(
            'console.verify.stateBad',
            count,
            n(count),
            r.state.findings.map((f) => t('console.verify.finding', f.entity, f.id, (PROBLEM[f.problem] ?? (() => f.problem))(f.seq))).join('; '),
            r.state.more ? n(r.state.more) : '',
          ),
    });
  }
  return lines;
}
