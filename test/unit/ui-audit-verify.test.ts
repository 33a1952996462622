import { describe, expect, it } from 'vitest';
import { headText, verifyLines } from '../../app/screens/console/audit-verify-text';
import type { AuditVerifyReport } from '../../app/session/console-api';

const HASH = 'ab'.repeat(32);
const report = (over: Partial<AuditVerifyReport> = {}): AuditVerifyReport => ({
  ok: true,
  entries: 12,
  head: { seq: 12, hash: HASH, at: '2026-03-02T10:00:00.000Z' },
  state: { ok: true, records: 340, findings: [], more: 0, skipped: 0 },
  ...over,
});

describe('the console words for an audit verify (A4, X5)', () => {
  it('[A4] shows the chain and the records check, both good', () => {
    expect(verifyLines(report())).toEqual([
      { ok: true, testid: 'audit-verify-chain', text: 'The audit chain is intact (12 entries).' },
      { ok: true, testid: 'audit-verify-state', text: 'All 340 records match the audit trail.' },
    ]);
    expect(headText(report().head)).toBe(`12:${HASH}`);
  });

  it('[A4] names each record that does not match, by entity and id', () => {
    const lines = verifyLines(
      report({
        ok: false,
        state: {
          ok: false,
          records: 340,
          more: 2,
          skipped: 0,
          findings: [
            { entity: 'operations', id: 'op-1', problem: 'edited' },
            { entity: 'notes', id: 'n-9', problem: 'changed-before', seq: 7 },
          ],
        },
      }),
    );
    expect(lines[1]).toEqual({
      ok: false,
      testid: 'audit-verify-state',
      text: '4 records do not match the audit trail: operations op-1 changed outside the app; notes n-9 changed outside the app before entry 7; and 2 more.',
    });
  });

  it('[X5] says whether the chain holds the published head: intact, truncated or rewritten', () => {
    const expected = { seq: 12, hash: HASH };
    const check = (headCheck: AuditVerifyReport['headCheck']) => verifyLines(report({ headCheck })).find((l) => l.testid === 'audit-verify-head-check');
    expect(check({ ok: true, expected })).toMatchObject({ ok: true, text: 'The chain still holds the published head (entry 12).' });
    expect(check({ ok: false, expected, problem: 'truncated' })?.text).toMatch(/SHORTER than the published head/);
    expect(check({ ok: false, expected, problem: 'rewritten' })?.text).toMatch(/REWRITTEN: entry 12/);
  });

  it('[A4] a broken chain says where', () => {
    expect(verifyLines(report({ ok: false, brokenAt: 5, entries: 4 }))[0]).toMatchObject({
      ok: false,
      text: 'The audit chain is BROKEN at entry 5 (4 entries before it verify). Someone changed the trail.',
    });
  });
});
