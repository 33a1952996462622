import { describe, expect, it } from 'vitest';
import { HttpErrorCode } from '../../shared/protocol';
import { clockTime, retryText, sentenceFor } from '../../app/components/outcome-text';

describe('words for the server’s HTTP codes', () => {
  it.each(HttpErrorCode.options)('[X2] %s has a sentence of its own', (code) => {
    expect(sentenceFor(code)).not.toMatch(/^Not applied/);
  });

  it('[X2] a lock says when to try again, in words', () => {
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    expect(retryText(at(3 * 60_000), now)).toBe(`Try again at ${clockTime(at(3 * 60_000))} (in 3 minutes).`);
    expect(retryText(at(60_000), now)).toBe(`Try again at ${clockTime(at(60_000))} (in 1 minute).`);
    expect(retryText(at(75_000), now)).toBe(`Try again at ${clockTime(at(75_000))} (in 1 minute).`);
    expect(retryText(at(20_000), now)).toBe(`Try again at ${clockTime(at(20_000))} (in less than a minute).`);
    expect(retryText(at(2 * 3_600_000), now)).toBe(`Try again at ${clockTime(at(2 * 3_600_000))} (in 2 hours).`);
    expect(retryText(at(-1), now)).toBe('You can try again now.');
    expect(retryText(undefined, now)).toBe('');
    expect(sentenceFor('sign-in-locked')).toBe('Too many failed sign-in attempts from here.');
  });
});
