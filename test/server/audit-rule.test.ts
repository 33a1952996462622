import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Every .ts/.tsx/.mjs file under `dir` (relative to the repository), by path. */
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f))
    .map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') }));
}

describe('[A4] the audit rule has one way around it, for test fixtures only', () => {
  it('nothing outside test/ writes records with putRecordsUnaudited; the stores only implement it', () => {
    const implementing = new Set([
      'server/store/types.ts',
      'server/store/sqlite/transaction.ts',
      'server/store/sqlite/writer.ts',
      'server/store/postgres/transaction.ts',
      'server/store/postgres/queries.ts',
      'server/store/audit-rule.ts',
    ]);
    const callers = ['server', 'shared', 'app', 'bench', 'scripts']
      .flatMap(sources)
      .filter((f) => f.text.includes('putRecordsUnaudited') && !implementing.has(f.path))
      .map((f) => f.path);
    expect(callers).toEqual([]);
  });
});
