import { describe, expect, it } from 'vitest';
import { sentenceFor, syncErrorText } from '../../app/components/outcome-text';
import { HttpErrorCode } from '../../shared/protocol';

/** The rejection codes the server's request bounds answer with (server/sync/bounds.ts). */
const BOUNDS_REJECTIONS = ['args-too-large', 'args-too-deep', 'args-invalid-text'];

describe('every code the server answers has words', () => {
  it.each([...HttpErrorCode.options, ...BOUNDS_REJECTIONS])('%s', (code) => {
    expect(sentenceFor(code)).not.toMatch(/^Not applied \(/);
  });
});

describe('the sync status bar says a sync error in words (L2: no tooltip)', () => {
  it.each([
    ['server-rate-limited', 'busy'],
    ['server-storage-unavailable', 'cannot save'],
    ['offline', 'cannot be reached'],
    ['http-502', 'changes are kept'],
  ])('%s', (err, words) => {
    expect(syncErrorText(err)).toContain(words);
  });
});
