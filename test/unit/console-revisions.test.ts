import { describe, expect, it } from 'vitest';
import { fromFileName, headMatches, nextRevision, revisionAfter, typeFromName } from '../../app/screens/console/travelers/revisions';

describe('revisions the console suggests (T1, T2)', () => {
  it.each([
    ['A', 'B'],
    ['b', 'C'],
    ['Z', 'AA'],
    ['AZ', 'BA'],
    ['ZZ', 'AAA'],
    ['7', '8'],
    ['09', '10'],
    ['1.2', '1.2A'],
  ])('after %s comes %s', (rev, next) => {
    expect(revisionAfter(rev)).toBe(next);
  });

  it.each([
    [[], 'A'],
    [['A'], 'B'],
    [['A', 'B', 'C'], 'D'],
    [['Z', 'B'], 'AA'],
    [['AA', 'Z'], 'AB'],
    [['C', 'a', 'D'], 'E'],
  ])('after %j the suggestion is %s, never one that exists', (revs, next) => {
    expect(nextRevision(revs)).toBe(next);
  });
});

describe('what a file name says (T2)', () => {
  it.each([
    ['DWG-1001 Shaft drawing.pdf', 'application/pdf'],
    ['photo.JPG', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['fixture.png', 'image/png'],
    ['WI-7_Setup.md', 'text/markdown'],
    ['notes.txt', undefined],
    ['drawing', undefined],
    ['model.step', undefined],
  ])('%s is %s', (name, type) => {
    expect(typeFromName(name)).toBe(type);
  });

  it.each([
    ['DWG-1001 Shaft drawing.pdf', { number: 'DWG-1001', title: 'Shaft drawing' }],
    ['wi-7_setup_sheet.md', { number: 'WI-7', title: 'setup sheet' }],
    ['bracket.pdf', { number: 'BRACKET', title: 'bracket' }],
  ])('%s prefills %j', (name, guess) => {
    expect(fromFileName(name)).toEqual(guess);
  });

  it('a text file named .pdf does not start like a PDF; Markdown is left to the server', () => {
    const text = new TextEncoder().encode('just notes');
    expect(headMatches('application/pdf', text)).toBe(false);
    expect(headMatches('application/pdf', new TextEncoder().encode('%PDF-1.4'))).toBe(true);
    expect(headMatches('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(headMatches('image/jpeg', text)).toBe(false);
    expect(headMatches('text/markdown', text)).toBe(true);
  });
});
