// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardUndo } from '../../app/components/CardUndo';
import { CorrectionForm, ReportCorrections } from '../../app/components/ReportCorrections';
import { correctableRows, lastOwnAct, type ReportRow, type UndoTarget } from '../../app/components/report-rows';
import { makeOperation, makeQuantityReport, makeShift } from '../fakes/builders';
import { mount, q } from '../support/mount';

const T = Date.parse('2026-03-02T09:00:00.000Z');

describe('the Undo on a card counts down its two minutes, asks once, then says a lead can correct it (§4 undoLast)', () => {
  let clock = T;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = T;
  });
  afterEach(() => vi.useRealTimers());
  const tick = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('shows the minutes, then the seconds, then nothing but the lead line; Yes sends the act', () => {
    const onUndo = vi.fn();
    const target: UndoTarget = { act: 'startOperation', actAt: new Date(T - 30_000).toISOString(), at: T - 30_000 };
    const el = mount(() => <CardUndo target={target} busy={false} onUndo={onUndo} now={() => clock} />);
    expect(q(el, 'op-undo')!.textContent).toContain('Undo start (1 min left)');
    expect(q(el, 'op-undo-closed')).toBeNull();
    tick(40_000);
    expect(q(el, 'op-undo')!.textContent).toContain('Undo start (50 sec left)');
    q(el, 'op-undo')!.click();
    expect(q(el, 'op-undo-confirm')!.textContent).toContain('Undo start?');
    q(el, 'op-undo-no')!.click();
    expect(q(el, 'op-undo-confirm')).toBeNull();
    expect(onUndo).not.toHaveBeenCalled();
    q(el, 'op-undo')!.click();
    q(el, 'op-undo-yes')!.click();
    expect(onUndo).toHaveBeenCalledWith(target);
    tick(51_000);
    expect(q(el, 'op-undo')).toBeNull();
    expect(q(el, 'op-undo-closed')!.textContent).toBe('Too late to undo (two minutes have passed). A lead can correct it.');
  });

  it('an act already past its window shows no Undo at all', () => {
    const target: UndoTarget = { act: 'reportQuantity', reportId: 'qr-1', at: T - 121_000 };
    const el = mount(() => <CardUndo target={target} busy={false} onUndo={() => undefined} now={() => clock} />);
    expect(q(el, 'op-undo')).toBeNull();
  });
});

describe('lastOwnAct picks what undoLast can take back', () => {
  const op = makeOperation({
    status: 'running',
    lastChange: { mutation: 'startOperation', actorId: 'u-op', deviceId: 'd', at: new Date(T - 10_000).toISOString(), from: 'pending' },
  });
  it.each([
    ['the own start', 'u-op', [], 'startOperation'],
    ["someone else's start: nothing", 'u-other', [], undefined],
    ['a newer own report', 'u-op', [makeQuantityReport({ userId: 'u-op', at: new Date(T - 5_000).toISOString() })], 'reportQuantity'],
    [
      'a corrected report is not undone, the start is',
      'u-op',
      [
        makeQuantityReport({ id: 'qr-1', userId: 'u-op', at: new Date(T - 5_000).toISOString() }),
        makeQuantityReport({ id: 'qr-2', kind: 'correction', correctsId: 'qr-1', reason: 'x', good: -1, userId: 'u-op', at: new Date(T).toISOString() }),
      ],
      'startOperation',
    ],
  ])('%s', (_, userId, reports, act) => {
    expect(lastOwnAct(op, reports, userId)?.act).toBe(act);
  });
});

describe('correctableRows: an operator their own reports of this shift, a lead everyone’s, with corrections summed (C1)', () => {
  const shift = makeShift({ start: '00:00', end: '23:59' });
  const mine = makeQuantityReport({ id: 'qr-1', userId: 'u-op', good: 5, at: new Date(T - 60_000).toISOString() });
  const theirs = makeQuantityReport({ id: 'qr-2', userId: 'u-b', good: 3, at: new Date(T - 60_000).toISOString() });
  const fix = makeQuantityReport({
    id: 'qr-3',
    kind: 'correction',
    correctsId: 'qr-1',
    reason: 'Miscounted',
    good: -1,
    userId: 'u-op',
    at: new Date(T).toISOString(),
  });
  it('the operator sees only their own, corrected to 4', () => {
    const rows = correctableRows([mine, theirs, fix], { id: 'u-op', role: 'operator' }, shift, T);
    expect(rows.map((r) => [r.report.id, r.good, r.corrected])).toEqual([['qr-1', 4, true]]);
  });
  it('an operator with no shift running corrects nothing; a lead sees both', () => {
    expect(correctableRows([mine, theirs], { id: 'u-op', role: 'operator' }, undefined, T)).toEqual([]);
    expect(correctableRows([mine, theirs], { id: 'u-lead', role: 'lead' }, undefined, T)).toHaveLength(2);
  });
});

describe('the Reports panel names who reported only to a lead, and never leaves a blank name', () => {
  const row: ReportRow = {
    report: makeQuantityReport({ id: 'qr-1', userId: 'u-b', good: 5, at: '2026-03-02T09:00:00.000Z' }),
    good: 5,
    scrap: 0,
    corrected: false,
  };
  const panel = (lead: boolean) => {
    const el = mount(() => (
      <ReportCorrections
        rows={[row]}
        lead={lead}
        nameOf={(id) => (id === 'u-b' ? 'Pete Kowalski' : undefined)}
        scrapReasons={[]}
        busy={false}
        onCorrect={async () => true}
      />
    ));
    (q(el, 'fix-open') as HTMLButtonElement).click();
    return q(el, 'fix-line')!.textContent!;
  };
  it('an operator sees the count and the time', () => {
    expect(panel(false)).toMatch(/^5 good, 0 scrap — \d{1,2}:\d{2}/);
  });
  it('a lead sees who reported too', () => {
    expect(panel(true)).toMatch(/^5 good, 0 scrap — Pete Kowalski, \d{1,2}:\d{2}/);
  });
});

const type = (el: HTMLElement, id: string, text: string) => {
  const input = q(el, id) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
};

describe('the correction form checks its fields like the quantity form and needs a reason', () => {
  const row: ReportRow = { report: makeQuantityReport({ good: 5 }), good: 5, scrap: 0, corrected: false };
  const form = () => {
    const onCorrect = vi.fn();
    const el = mount(() => (
      <CorrectionForm row={row} busy={false} scrapReasons={[{ code: 'BURR', label: 'Burrs' }]} onCancel={() => undefined} onCorrect={onCorrect} />
    ));
    const submit = () => (q(el, 'fix-form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    return { el, onCorrect, submit };
  };

  it.each([
    ['2.5', 'Whole parts only, 0 to 1,000,000.'],
    ['-1', 'Whole parts only, 0 to 1,000,000.'],
    ['1000001', 'At most 1,000,000 parts in one report.'],
  ])('good %j → "%s", nothing sent', (text, words) => {
    const { el, onCorrect, submit } = form();
    type(el, 'fix-good', text);
    expect(q(el, 'fix-good-error')!.hidden).toBe(false);
    expect(q(el, 'fix-good-error')!.textContent).toBe(words);
    expect((q(el, 'fix-submit') as HTMLButtonElement).disabled).toBe(true);
    submit();
    expect(onCorrect).not.toHaveBeenCalled();
  });

  it('the same numbers, then no reason, are refused in words; a chip, a confirm, then it sends', () => {
    const { el, onCorrect, submit } = form();
    submit();
    expect(q(el, 'fix-problem')!.textContent).toBe('These are the numbers it already says.');
    type(el, 'fix-good', '4');
    submit();
    expect(q(el, 'fix-problem')!.textContent).toBe('Pick or write a reason.');
    (el.querySelector('[data-reason="corr.fix.reasonMiscount"]') as HTMLElement).click();
    submit();
    expect(q(el, 'fix-confirm')!.textContent).toBe('Change 5 good, 0 scrap to 4 good, 0 scrap?');
    expect(onCorrect).not.toHaveBeenCalled();
    submit();
    expect(onCorrect).toHaveBeenCalledWith({ reportId: 'qr-1', good: 4, scrap: 0, reason: 'Miscounted' });
  });

  it('new scrap on a report without a scrap reason asks for one; free text is a reason', () => {
    const { el, onCorrect, submit } = form();
    type(el, 'fix-scrap', '1');
    type(el, 'fix-reason-text', 'one had a burr');
    submit();
    expect(q(el, 'fix-problem')!.textContent).toBe('Pick a scrap reason.');
    q(el, 'fix-scrap-reason')!.click();
    submit();
    submit();
    expect(onCorrect).toHaveBeenCalledWith({ reportId: 'qr-1', good: 5, scrap: 1, scrapReason: 'BURR', reason: 'one had a burr' });
  });
});
