import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellSize } from '../../bench/lib/shell-size';

/** The built app (npm test builds it first): what the tablet loads first, and what the worker precaches. */
const DIST = join(process.cwd(), 'dist');

describe('the tablet shell loads only what a station needs', () => {
  it("the console's code is a chunk of its own, not in the shell's first load", () => {
    const s = shellSize(DIST);
    expect(s.lazy.some((f) => /ConsoleScreen/.test(f))).toBe(true);
    expect(s.files.some((f) => /ConsoleScreen/.test(f))).toBe(false);
  });

  it('the service worker precaches every file once: the manifest and the icons are not listed twice', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'icons/icon-192.png']));
    expect(urls.length).toBe(new Set(urls).size);
    // Every chunk the shell may load later is precached too, so it opens offline.
    for (const f of shellSize(DIST).lazy) expect(urls).toContain(f);
  });
});
