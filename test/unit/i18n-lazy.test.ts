import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../app/i18n/en/index';
import { enConsole } from '../../app/i18n/en-console';
import { enShell } from '../../app/i18n/en-shell';
import { LANGUAGE_NAMES } from '../../app/i18n/language-names';
import { CATALOGUES } from '../../app/i18n/load';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every app module the tablet reaches from app/main.tsx, lazy tablet screens included; the console's chunk is not followed. */
function tabletModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) {
      const spec = m[1]!;
      if (spec.includes('screens/console/')) continue;
      const base = resolve(dirname(file), spec);
      const hit = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((x) => base + x).find((p) => /\.tsx?$/.test(p) && existsSync(p));
      if (hit && !hit.includes('/i18n/')) visit(hit);
    }
  };
  visit(join(ROOT, 'app', 'main.tsx'));
  return [...seen];
}

describe('lazy catalogues (bench figure 8: Spanish and the console words are chunks of their own)', () => {
  it("[L1] the shell's and the console's English together are the whole catalogue, each key in one of them", () => {
    const shell = Object.keys(enShell);
    const console = Object.keys(enConsole);
    // A new area file goes into en/index.ts AND into en-shell.ts (the tablet uses it) or en-console.ts.
    expect([...shell, ...console].sort(), 'an area of en/index.ts is in neither app/i18n/en-shell.ts nor en-console.ts').toEqual(Object.keys(en).sort());
    expect(shell.filter((k) => console.includes(k))).toEqual([]);
  });

  it('[L1] no tablet module names a key that only the console chunk brings (it would show as the key)', () => {
    const consoleOnly = new Set(Object.keys(enConsole));
    // Module-level, so a console-only function in a module the tablet imports for another one is
    // listed here by hand: useSubjectNamer (the console's feed) beside useOutboxCount (the status bar).
    const CONSOLE_ONLY_USE = new Set(['app/queries/console.ts: console.subject.op', 'app/queries/console.ts: console.subject.workOrder']);
    const files = tabletModules();
    // It walked the tablet: the shell, the station and the lazy job screen are all there.
    expect(files.some((f) => f.endsWith('screens/job/JobScreen.tsx'))).toBe(true);
    expect(files.some((f) => f.endsWith('screens/station/StationScreen.tsx'))).toBe(true);
    const found: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'([A-Za-z][\w.-]*\.[\w.-]+)'/g)) {
        const at = `${f.slice(ROOT.length + 1)}: ${m[1]}`;
        if (consoleOnly.has(m[1]!) && !CONSOLE_ONLY_USE.has(at)) found.push(at);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('the language switches', () => {
  it.each(Object.entries(LANGUAGE_NAMES))("[L1] name %s as its catalogue's language.name does (they show before its chunk is in)", (lang, name) => {
    expect(CATALOGUES[lang as keyof typeof LANGUAGE_NAMES]['language.name']).toBe(name);
  });
});

describe('t() before the words of a language arrive', () => {
  // Fresh module instances: the test setup loaded every catalogue into the shared ones.
  const fresh = async () => {
    vi.resetModules();
    return import('../../app/i18n');
  };

  it('[L1] speaks English, never a key, then the language once its chunk is in', async () => {
    const i18n = await fresh();
    expect(i18n.hasLanguage('es')).toBe(false);
    expect(i18n.tIn('es', 'action.cancel')).toBe('Cancel');
    await i18n.loadLanguage('es');
    expect(i18n.tIn('es', 'action.cancel')).toBe('Cancelar');
  });

  it('[L1] setLanguage switches once the words are here, so a screen never renders the new language in English', async () => {
    const i18n = await fresh();
    const switched = i18n.setLanguage('es');
    expect(i18n.language()).toBe('en');
    await switched;
    expect(i18n.language()).toBe('es');
    expect(i18n.t('action.cancel')).toBe('Cancelar');
    expect(i18n.codeWords('work-order-on-hold')).toBe(i18n.CODE_WORDS.es['work-order-on-hold']);
    await i18n.setLanguage('en');
  });

  it('[L1] a switch asked for later wins over a slower earlier one', async () => {
    const i18n = await fresh();
    const es = i18n.setLanguage('es');
    await i18n.setLanguage('en');
    await es;
    expect(i18n.language()).toBe('en');
  });

  it("[L1] the console's words arrive with loadConsoleWords, which the console route waits for", async () => {
    const i18n = await fresh();
    const key = (Object.keys(enConsole) as (keyof typeof enConsole)[]).find((k) => typeof enConsole[k] === 'string')!;
    await i18n.loadConsoleWords();
    expect(i18n.tIn('en', key)).toBe(enConsole[key]);
  });
});
