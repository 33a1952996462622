// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { BackingMark, backingOf, backingText } from '../../app/components/BackingMark';
import { mount, q } from '../support/mount';

describe('[A3] the console marks what backs each act', () => {
  it.each([
    ['console', 'console', 'console session'],
    ['pin', 'd1', 'PIN-verified on Mill tablet'],
    ['token', 'd1', 'tablet token only, not PIN-verified (Mill tablet)'],
    [undefined, 'console', 'console session'],
    [undefined, 'd1', 'tablet token only, not PIN-verified (Mill tablet)'],
  ] as const)('%s from %s reads "%s"', (backing, deviceId, words) => {
    expect(backingText(backingOf(backing, deviceId), 'Mill tablet')).toBe(words);
  });

  it('an act backed by the tablet token alone is flagged, not shown as verified', () => {
    const el = mount(() => <BackingMark backing={undefined} deviceId="d1" deviceName="Mill tablet" />);
    const mark = q(el, 'backing')!;
    expect(mark.getAttribute('data-backing')).toBe('token');
    expect(mark.className).toContain('badge-flag');
    expect(mark.textContent).toContain('not PIN-verified');
  });
});
