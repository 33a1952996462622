// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createWedgeDetector } from '../../app/session/wedge';
import { updateBlockedReason } from '../../app/session/update-gate';
import { mayUseDevice } from '../../app/session/user';
import type { User } from '../../shared/schema';

describe('wedge scanner burst', () => {
  it('a fast burst ending in Enter is a scan', () => {
    const d = createWedgeDetector();
    let t = 1000;
    for (const ch of 'B1001') expect(d.key(ch, (t += 10))).toBeNull();
    expect(d.key('Enter', (t += 10))).toBe('B1001');
  });

  it('slow typing is not a scan', () => {
    const d = createWedgeDetector();
    let t = 1000;
    for (const ch of 'B1001') d.key(ch, (t += 200));
    expect(d.key('Enter', (t += 10))).toBeNull();
  });
});

describe('app update gate', () => {
  it('waits for the outbox and for the current task', () => {
    expect(updateBlockedReason(2, false)).toBe('Waiting for 2 changes to sync first');
    expect(updateBlockedReason(1, false)).toBe('Waiting for 1 change to sync first');
    expect(updateBlockedReason(0, true)).toBe('Finish the current task first');
    expect(updateBlockedReason(0, false)).toBeNull();
  });
});

describe('who may sign in on this tablet', () => {
  const u = (o: Partial<User>): User => ({
    id: 'u',
    name: 'N',
    badge: 'B',
    role: 'operator',
    stationIds: ['s1'],
    pin: null,
    active: true,
    version: 1,
    updatedAt: '',
    ...o,
  });
  it.each([
    ['operator of the station', u({}), ['s1'], true],
    ['operator of another station', u({ stationIds: ['s2'] }), ['s1'], false],
    ['lead anywhere', u({ role: 'lead', stationIds: [] }), ['s1'], true],
    ['inactive operator', u({ active: false }), ['s1'], false],
  ] as const)('%s', (_name, user, stations, ok) => {
    expect(mayUseDevice(user, stations)).toBe(ok);
  });
});
