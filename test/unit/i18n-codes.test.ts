import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeProblem, resultText, retryText, sentenceFor, syncErrorText } from '../../app/components/outcome-text';
import { CODE_WORDS, KIND_WORDS, setLanguage } from '../../app/i18n';
import { ALL_CODES } from '../../shared/codes';
import { MUTATORS } from '../../shared/domain/mutators';
import { Language } from '../../shared/language';
import { HoldKind, OperationStatus, Role, ScheduleChangeKind } from '../../shared/schema';

afterEach(() => setLanguage('en'));

/** L1 and STYLE habit 2: every code has words in every language; the compiler checks it, and so does this. */
describe('every code has a sentence in every language', () => {
  it.each(Language.options)('%s: every member of the code unions has a non-empty sentence, and nothing else is there', (lang) => {
    const words = CODE_WORDS[lang] as Record<string, string>;
    for (const code of ALL_CODES) {
      expect(typeof words[code], code).toBe('string');
      expect(words[code]!.trim(), code).not.toBe('');
      expect(words[code], code).not.toContain(code);
    }
    expect(Object.keys(words).sort()).toEqual([...ALL_CODES].sort());
  });

  it('Spanish is not English copied', () => {
    const same = ALL_CODES.filter((c) => CODE_WORDS.es[c] === CODE_WORDS.en[c]);
    expect(same).toEqual([]);
  });

  it.each([
    ['holdKinds', HoldKind.options],
    ['changeKinds', ScheduleChangeKind.options],
    ['operationStatuses', OperationStatus.options],
    ['roles', Role.options],
    ['mutationNouns', Object.keys(MUTATORS)],
  ] as const)('%s has words for every value of its enum, in every language', (map, values) => {
    for (const lang of Language.options) {
      const words = KIND_WORDS[lang][map] as Record<string, string>;
      expect(Object.keys(words).sort(), `${lang} ${map}`).toEqual([...values].sort());
      for (const v of values) expect(words[v]?.trim(), `${lang} ${map} ${v}`).toBeTruthy();
    }
  });
});

describe('outcome text speaks the current language', () => {
  const at = new Date(2026, 0, 1, 10, 2).toISOString();
  const other = new Date(2026, 0, 1, 9, 55).toISOString();
  const holdConflict = {
    kind: 'conflict' as const,
    mutation: 'completeOperation',
    at,
    code: 'work-order-on-hold',
    message: 'the job was put on quality hold: burrs',
    other: { mutation: 'placeHold', actorId: 'u9', at: other },
  };
  const carla = (id: string) => (id === 'u9' ? 'Carla' : undefined);

  it('English', () => {
    setLanguage('en');
    expect(sentenceFor('work-order-on-hold')).toBe('The job is on hold.');
    expect(describeProblem(holdConflict, carla)).toBe('Your completion at 10:02 was not applied: the job was put on quality hold at 09:55 by Carla.');
    expect(resultText({ outcome: 'rejected', code: 'empty-report', message: 'x' }, 'Done.', carla)).toBe('Not done: Enter at least one good or scrap part.');
    expect(resultText({ outcome: 'applied', flags: ['over-reported'] }, 'Saved.', carla)).toMatch(/^Saved\. More parts are now reported/);
    expect(syncErrorText('server-rate-limited')).toContain('busy');
  });

  it('Spanish', () => {
    setLanguage('es');
    expect(sentenceFor('work-order-on-hold')).toBe('La orden está retenida.');
    expect(describeProblem(holdConflict, carla)).toBe('Su finalización de las 10:02 no se aplicó: la orden se retuvo por calidad a las 09:55 por Carla.');
    expect(
      describeProblem(
        { kind: 'rejected', mutation: 'addNote', at, code: 'not-allowed-at-station', message: 'you may not write notes for this station' },
        carla,
      ),
    ).toBe('Su nota de las 10:02 no se aplicó: no tiene permiso para trabajar en esta estación.');
    expect(
      resultText(
        { outcome: 'conflict', code: 'operation-already-completed', message: 'x', other: { mutation: 'completeOperation', actorId: 'u9', at: other } },
        'Hecho.',
        carla,
      ),
    ).toBe('No se hizo: La operación ya estaba terminada (cambiado a las 09:55 por Carla).');
    expect(syncErrorText('server-storage-unavailable')).toContain('no puede guardar');
    expect(syncErrorText('http-502')).toContain('se conservan');
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    expect(retryText(new Date(now + 3 * 60_000).toISOString(), now)).toMatch(/^Vuelva a intentarlo a las \d\d:\d\d \(dentro de 3 minutos\)\.$/);
  });

  it.each(Language.options)('%s: a code this app does not know reads as a generic sentence, never the code', (lang) => {
    setLanguage(lang);
    const s = sentenceFor('something-new');
    expect(s).not.toContain('something-new');
    expect(s.trim()).not.toBe('');
    expect(resultText({ outcome: 'rejected', code: 'something-new', message: '' }, '', () => undefined)).not.toContain('something-new');
    expect(syncErrorText('server-something-new')).not.toContain('something-new');
  });

  it('a server message (English) is not shown on a Spanish screen', () => {
    setLanguage('es');
    expect(sentenceFor('something-new', 'the moon is down')).toBe('El servidor rechazó este cambio.');
  });
});

/** L1: the tablet formats dates, times and numbers only through app/i18n/format.ts. */
describe('the tablet formats through app/i18n/format.ts only', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const dirs = ['app/components', 'app/session', 'app/screens/enroll', 'app/screens/signin', 'app/screens/shell', 'app/screens/station', 'app/screens/status'];
  it.each(dirs)('%s calls no toLocale…String', (dir) => {
    for (const f of readdirSync(join(ROOT, dir))) {
      if (!/\.tsx?$/.test(f)) continue;
      expect(readFileSync(join(ROOT, dir, f), 'utf8'), `${dir}/${f}`).not.toMatch(/\.toLocale(Date|Time)?String\(/);
    }
  });
});
