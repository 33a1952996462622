import type { Language } from '../../shared/language';

/**
 * Each language's name in itself, for the language switches: in the first load, so showing the
 * switch does not fetch every language's chunk (load.ts). Equal to each catalogue's
 * `language.name` (test/unit/i18n-lazy.test.ts).
 */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

/** "English", "Español": a language named in itself. */
export const languageName = (lang: Language): string => LANGUAGE_NAMES[lang];
