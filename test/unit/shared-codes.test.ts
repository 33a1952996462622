import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFLICT_CODES, isCode, REJECTION_CODES } from '../../shared/codes';

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

/** STYLE habit 2: the unions of shared/codes.ts are exactly the codes the sources answer with. */
describe('the code unions match the sources', () => {
  const codes = (text: string, re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]!))].sort();
  const server = ['server/sync/authorize.ts', 'server/sync/bounds.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
  const serverAll = read('server', (f) => f.endsWith('.ts'));

  it('RejectionCode is every rejected(…) of shared/domain and the server, and the server’s authorize and bounds codes', () => {
    const domain = codes(source, /rejected\(\s*'([a-z]+(?:-[a-z]+)+)'/g);
    const fromServer = [...codes(serverAll, /rejected\(\s*'([a-z]+(?:-[a-z]+)+)'/g), ...codes(server, /code: '([a-z]+(?:-[a-z]+)+)'/g)];
    expect(fromServer).toEqual(expect.arrayContaining(['actor-not-verified', 'args-too-large', 'args-too-deep', 'args-invalid-text', 'server-error']));
    expect([...REJECTION_CODES].sort()).toEqual([...new Set([...domain, ...fromServer])].sort());
  });

  it('ConflictCode is every conflict(…) and appliedRaising(…) of shared/domain and the operation machine’s table', () => {
    const found = [...codes(source, /conflict\(\s*'([a-z]+(?:-[a-z]+)+)'/g), ...codes(source, /appliedRaising\(\{\s*code:\s*'([a-z]+(?:-[a-z]+)+)'/g)];
    const machine = codes(source, /\[\s*'([a-z]+(?:-[a-z]+)+)',\s*'/g);
    expect([...CONFLICT_CODES].sort()).toEqual([...new Set([...found, ...machine, 'illegal-transition'])].sort());
  });

  it('every code the scan of DESIGN §4 finds is in a union', () => {
    for (const c of CODES) expect(isCode(c), c).toBe(true);
  });
});
