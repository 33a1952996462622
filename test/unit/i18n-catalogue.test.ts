import { describe, expect, it } from 'vitest';
import { CATALOGUES, formatDate, formatDuration, formatTime, setLanguage, t, tIn } from '../../app/i18n';
import { Language } from '../../shared/language';

/** L1: a missing translation fails a test (and, for the types, the compiler). */
describe('the message catalogues', () => {
  const en = CATALOGUES.en;
  const keys = Object.keys(en).sort();

  it.each(Language.options.filter((l) => l !== 'en'))('%s has every English key and no other', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(keys);
  });

  it.each(Language.options)('%s: no message is empty, and a function message takes as many parameters as the English one', (lang) => {
    for (const k of keys) {
      const m = CATALOGUES[lang][k as keyof typeof en];
      const e = en[k as keyof typeof en];
      expect(typeof m, k).toBe(typeof e);
      if (typeof m === 'string') expect(m.trim(), k).not.toBe('');
      else expect(m.length, k).toBe((e as (...a: unknown[]) => string).length);
    }
  });

  it('Spanish is not English copied: most messages differ', () => {
    const same = keys.filter((k) => CATALOGUES.es[k as keyof typeof en] === en[k as keyof typeof en] && typeof en[k as keyof typeof en] === 'string');
    // A few words are the same in both (a number format, "OK"); a copied catalogue is not.
    expect(same.length / keys.length).toBeLessThan(0.1);
  });
});

describe('t follows the language', () => {
  it('switches the words and the formats together', () => {
    setLanguage('es');
    expect(t('action.cancel')).toBe('Cancelar');
    expect(formatDate('2026-12-02T14:05:00Z')).toMatch(/dic/);
    setLanguage('en');
    expect(t('action.cancel')).toBe('Cancel');
    expect(formatDate('2026-12-02T14:05:00Z')).toMatch(/Dec/);
    expect(tIn('es', 'action.save')).toBe('Guardar');
  });

  it('formats a time of day in 24 hours and a duration in hours and minutes', () => {
    setLanguage('en');
    expect(formatTime(new Date(2026, 11, 2, 14, 5))).toBe('14:05');
    expect(formatDuration(65 * 60_000)).toMatch(/1 hr.*5 min/);
    expect(formatDuration(30_000)).toMatch(/30 sec/);
  });
});

describe('the area files of a catalogue', () => {
  // codes.ts and kinds.ts are maps of their own (by code, by enum value), not spread into the catalogue.
  it('define each key once: a spread would silently let one area overwrite another', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '..', '..', 'app', 'i18n', 'en');
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !['index.ts', 'codes.ts', 'kinds.ts'].includes(f))) {
      const mod = (await import(join(dir, f))) as Record<string, Record<string, unknown>>;
      for (const messages of Object.values(mod)) {
        for (const k of Object.keys(messages)) {
          if (seen.has(k)) twice.push(`${k} in ${seen.get(k)} and ${f}`);
          seen.set(k, f);
        }
      }
    }
    expect(twice).toEqual([]);
  });
});
