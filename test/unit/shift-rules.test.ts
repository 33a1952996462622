import { describe, expect, it } from 'vitest';
import { CLOCK_TIME, shiftMinutes, shiftProblem } from '../../shared/domain/shifts';

const make = (overrides: Partial<{ start: string; end: string; plannedBreakMinutes: number }> = {}) => ({
  start: '06:00',
  end: '14:00',
  plannedBreakMinutes: 30,
  ...overrides,
});

/** The shift calendar's rules (DESIGN §3, §10), shared by the console form and /api/plant. */
describe('shift rules', () => {
  it.each([
    ['06:00', '14:00', 480],
    ['22:00', '06:00', 480],
    ['23:30', '00:15', 45],
    ['00:00', '23:59', 1439],
    ['12:00', '11:59', 1439],
  ])('%s to %s lasts %i minutes (an end before the start crosses midnight)', (start, end, minutes) => {
    expect(shiftMinutes(start, end)).toBe(minutes);
  });

  it.each([
    [make(), null],
    [make({ start: '22:00', end: '06:00', plannedBreakMinutes: 45 }), null],
    [make({ end: '06:00' }), 'shift-times-equal'],
    [make({ plannedBreakMinutes: 480 }), 'break-too-long'],
    [make({ plannedBreakMinutes: 479 }), null],
    [make({ start: '23:00', end: '01:00', plannedBreakMinutes: 120 }), 'break-too-long'],
  ])('%o → %s', (shift, problem) => {
    expect(shiftProblem(shift)).toBe(problem);
  });

  it.each([
    ['00:00', true],
    ['23:59', true],
    ['24:00', false],
    ['6:00', false],
    ['12:60', false],
    ['12:00 ', false],
  ])('clock time %j is %s', (text, ok) => {
    expect(CLOCK_TIME.test(text)).toBe(ok);
  });
});
