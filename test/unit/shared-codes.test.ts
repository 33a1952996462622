import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (dir: string, match: (f: string) => boolean) =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter(match)
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8'))
    .join('\n');

const source = read('shared/domain', (f) => f.endsWith('.ts'));
const tests = read('test/unit', (f) => /^shared-.*\.test\.ts$/.test(f) && !f.includes('shared-codes'));

/** Every kebab-case code shared/domain can answer with: rejected('x'…), conflict('x'…) and the machine's ['x', …] table. */
const CODES = [
  ...new Set([...source.matchAll(/(?:rejected|conflict)\(\s*'([a-z]+(?:-[a-z]+)+)'|\[\s*'([a-z]+(?:-[a-z]+)+)',\s*'/g)].map((m) => m[1] ?? m[2]!)),
].sort();

describe('result codes', () => {
  it('the scan finds the codes of DESIGN §4', () => {
    expect(CODES).toEqual(
      expect.arrayContaining(['work-order-on-hold', 'operation-already-completed', 'not-allowed-at-station', 'role-not-allowed', 'invalid-args']),
    );
  });

  it.each(CODES)('%s is asserted by a unit test of shared/', (code) => {
    expect(tests).toContain(`'${code}'`);
  });
});
