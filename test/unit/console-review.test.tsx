// @vitest-environment jsdom
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../app/i18n';
import { ackMatrix } from '../../app/queries/ack-matrix';
import { AckTable } from '../../app/screens/console/AckTable';
import { ConflictCard } from '../../app/screens/console/ConflictCard';
import { jobWords, keptWords } from '../../app/screens/console/conflict-words';
import { ConfirmAction } from '../../app/screens/console/console-controls';
import { IDS, makeAcknowledgement, makeChange, makeConflict, makeStation, makeUser } from '../fakes/builders';
import { mount, q } from '../support/mount';

// Issue 7 part 8: the console's conflict cards, hold release and acknowledgement matrix.

afterEach(() => setLanguage('en'));

const names: Record<string, string> = { 'u-op': 'Chidi Okafor', 'u-nguyen': 'Linh Nguyen', 'dev-saw': 'Saw tablet', 'dev-b': 'Saw tablet 2' };
const nameOf = (id: string) => names[id] ?? id;
const stationName = (id: string) => (id === IDS.saw ? 'Saw 1' : id);
const lost = () =>
  makeConflict({
    other: { mutation: 'completeOperation', actorId: 'u-nguyen', deviceId: 'dev-b', at: '2026-11-21T08:55:00.000Z' },
    kept: { status: 'completed' },
  });

describe('conflict card words', () => {
  it('[C4] names the job: work order, op seq and station', () => {
    expect(jobWords({ workOrder: 'WO-241004', seq: 10, stationId: IDS.saw }, stationName)).toBe('WO-241004 · op 10 · Saw 1');
    expect(jobWords({ workOrder: 'WO-241004' }, stationName)).toBe('WO-241004');
    expect(jobWords(undefined, stationName)).toBe('A job this console does not have');
  });

  it('[C4] says what the server kept in words, never `key: value`', () => {
    expect(keptWords(lost(), nameOf)).toEqual(['operation completed']);
    expect(keptWords(makeConflict({ mutation: 'startOperation', kept: { holdId: 'h1', status: 'pending' } }), nameOf)).toEqual(['operation not started']);
    expect(keptWords(makeConflict({ mutation: 'releaseHold', kept: { status: 'released' } }), nameOf)).toEqual(['hold already released']);
    expect(keptWords(makeConflict({ mutation: 'startOperation', kept: { workOrderStatus: 'cancelled', status: 'pending' } }), nameOf)).toEqual([
      'work order cancelled',
      'operation not started',
    ]);
    expect(keptWords(makeConflict({ mutation: 'editWorkOrder', kept: { priority: 5 } }), nameOf)).toEqual(['priority 5']);
    setLanguage('es');
    expect(keptWords(lost(), nameOf).join()).not.toMatch(/status|completed/);
  });
});

describe('ConflictCard', () => {
  const card = (onResolve = vi.fn(), conflict = lost()) => {
    const el = mount(() => (
      <ConflictCard conflict={conflict} job="WO-241004 · op 10 · Saw 1" nameOf={nameOf} deviceName={nameOf} busy={false} onResolve={onResolve} />
    ));
    return { el, onResolve };
  };

  it('[C4] names the job and tells both sides in words, with no raw status', () => {
    const { el } = card();
    expect(q(el, 'conflict-job')!.textContent).toBe('WO-241004 · op 10 · Saw 1');
    expect(q(el, 'conflict-mine')!.textContent).toMatch(/^Chidi Okafor on Saw tablet tried to complete the operation at /);
    expect(q(el, 'conflict-other')!.textContent).toMatch(/^Linh Nguyen on Saw tablet 2 completed the operation at /);
    expect(q(el, 'conflict-kept')!.textContent).toBe('The server has now: operation completed.');
    expect(el.textContent).not.toMatch(/status:/);
  });

  it('[C4] "Keep the server’s" asks on that card, takes an optional note, and only the confirm resolves', () => {
    const { el, onResolve } = card();
    expect(q(el, 'conflict-confirm')).toBeNull();
    q(el, 'conflict-keep-server')!.click();
    expect(onResolve).not.toHaveBeenCalled();
    expect(q(el, 'conflict-confirm')!.dataset.choice).toBe('server');
    expect(q(el, 'conflict-confirm')!.textContent).toContain('Keep what the server has for WO-241004 · op 10 · Saw 1?');
    const note = q(el, 'conflict-note') as HTMLInputElement;
    note.value = '  told the operator ';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    q(el, 'conflict-confirm-yes')!.click();
    expect(onResolve).toHaveBeenCalledWith('server', 'told the operator');
  });

  it('[C4] "Apply mine" confirms too, and Back sends nothing', () => {
    const { el, onResolve } = card();
    q(el, 'conflict-apply-mine')!.click();
    expect(q(el, 'conflict-confirm')!.dataset.choice).toBe('mine');
    q(el, 'conflict-confirm-back')!.click();
    expect(q(el, 'conflict-confirm')).toBeNull();
    q(el, 'conflict-apply-mine')!.click();
    q(el, 'conflict-confirm-yes')!.click();
    expect(onResolve).toHaveBeenCalledExactlyOnceWith('mine', '');
  });

  it('[T4] offers no "Apply mine" for a change that was applied', () => {
    const { el } = card(vi.fn(), makeConflict({ code: 'stale-traveler-revision', kept: { revision: 'C', seenRevision: 'B' } }));
    expect(q(el, 'conflict-apply-mine')).toBeNull();
    expect(q(el, 'conflict-keep-server')).not.toBeNull();
  });
});

describe('a confirmed release', () => {
  it('asks next to the button with full-size buttons, and acts only on the confirm', () => {
    const onConfirm = vi.fn();
    const [asking, setAsking] = createSignal(false);
    const el = mount(() => (
      <ConfirmAction
        testid="hold-release"
        large
        label="Release hold"
        confirmLabel="Yes, release"
        question="Release the hold on WO-1?"
        confirming={asking()}
        onAsk={() => setAsking(true)}
        onCancel={() => setAsking(false)}
        onConfirm={onConfirm}
      />
    ));
    expect(q(el, 'hold-release-ask')!.className).not.toContain('btn-small');
    q(el, 'hold-release-ask')!.click();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(q(el, 'hold-release-question')!.textContent).toBe('Release the hold on WO-1?');
    expect(q(el, 'hold-release-confirm')!.className).not.toContain('btn-small');
    q(el, 'hold-release-cancel')!.click();
    expect(q(el, 'hold-release-confirm')).toBeNull();
    q(el, 'hold-release-ask')!.click();
    q(el, 'hold-release-confirm')!.click();
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('acknowledgement matrix: one row a person', () => {
  const stations = [makeStation({ id: 's1', name: 'Saw 1' }), makeStation({ id: 's2', name: 'Mill 2' }), makeStation({ id: 's3', name: 'Paint' })];
  const users = [
    makeUser({ id: 'u-ben', name: 'Ben', stationIds: ['s1', 's2'] }),
    makeUser({ id: 'u-ana', name: 'Ana', stationIds: ['s2'] }),
    makeUser({ id: 'u-lead', name: 'Cleo', role: 'lead', stationIds: ['s1', 's2'] }),
  ];
  const change = makeChange({ id: 'chg', stationIds: ['s1', 's2', 's3'] });
  const acks = [makeAcknowledgement({ id: 'chg:u-ben', changeId: 'chg', userId: 'u-ben' })];

  it('a person at two target stations is one row listing both, and the rows are what the count counts', () => {
    const m = ackMatrix(change, stations, users, acks);
    expect(m.rows.map((r) => [r.user.name, r.stations.map((s) => s.name), Boolean(r.ack)])).toEqual([
      ['Ana', ['Mill 2'], false],
      ['Ben', ['Saw 1', 'Mill 2'], true],
      ['Cleo', ['Saw 1', 'Mill 2'], false],
    ]);
    expect([m.acknowledged, m.total]).toEqual([1, m.rows.length]);
    expect(m.unstaffed.map((s) => s.name)).toEqual(['Paint']);
  });

  it('renders one row a person with their stations in it', () => {
    const el = mount(() => <AckTable matrix={ackMatrix(change, stations, users, acks)} />);
    const rows = [...el.querySelectorAll('[data-testid="ack-cell"]')] as HTMLElement[];
    expect(rows.map((r) => r.dataset.userId)).toEqual(['u-ana', 'u-ben', 'u-lead']);
    expect(rows[1]!.textContent).toContain('Saw 1, Mill 2');
    expect(rows[1]!.dataset.acked).toBe('true');
    expect(q(el, 'ack-unstaffed')!.dataset.stationId).toBe('s3');
  });
});
