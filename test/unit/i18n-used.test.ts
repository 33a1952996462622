import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../app/i18n';

// L1: a message nobody shows is a translation paid for twice and a sentence that drifts from the
// screens. Every English key is named somewhere in app/ (outside the catalogues), literally or
// under a prefix a template builds (`job.flag.${f}`).

/** Keys that only a test reads: the language's own name, checked against app/i18n/language-names.ts. */
const READ_ELSEWHERE = new Set(['language.name']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('i18n', 'en')) || path.endsWith(join('i18n', 'es')) ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('[L1] every message of the catalogue is shown somewhere', () => {
  const text = sources('app').join('\n');
  const prefixes = [...text.matchAll(/`([a-zA-Z0-9_.-]+)\.\$\{/g)].map((m) => `${m[1]}.`);
  const named = (key: string) => text.includes(`'${key}'`) || text.includes(`"${key}"`) || prefixes.some((p) => key.startsWith(p));

  it('finds the keys and the template prefixes it looks for', () => {
    expect(Object.keys(CATALOGUES.en).length).toBeGreaterThan(500);
    expect(prefixes).toContain('job.flag.');
  });

  it('no English key is unused in app/', () => {
    const unused = Object.keys(CATALOGUES.en).filter((k) => !READ_ELSEWHERE.has(k) && !named(k));
    expect(unused).toEqual([]);
  });
});
