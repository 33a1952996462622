import { createSignal } from 'solid-js';
import { DEFAULT_LANGUAGE, Language } from '../../shared/language';
import { loadLanguage } from './load';

/** The BCP 47 tag `Intl` formats with, per language (L1). */
export const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

const KEY = 'floorboard.language';

function saved(): Language {
  try {
    const v = Language.safeParse(globalThis.localStorage?.getItem(KEY));
    if (v.success) return v.data;
  } catch {
    // No storage (a test, a locked-down browser): the default serves.
  }
  const nav = globalThis.navigator?.language?.slice(0, 2);
  const fromBrowser = Language.safeParse(nav);
  return fromBrowser.success ? fromBrowser.data : DEFAULT_LANGUAGE;
}

const [language, setLanguageSignal] = createSignal<Language>(saved());
// The page says which language it speaks from the start, not only after a switch (screen readers, hyphenation).
if (globalThis.document) document.documentElement.lang = language();
// A device that last spoke Spanish fetches its words at once (main.tsx renders once they are here).
const firstWords = loadLanguage(language()).catch(() => undefined);

/** Resolves when the saved language's words are here (or could not be fetched: English then). */
export const languageReady = (): Promise<void> => firstWords;

/** The language every screen speaks now: the signed-in person's, else the one last picked here. */
export { language };

/**
 * Speak `lang` from now on. Kept in localStorage so the sign-in screen of the next person, and a
 * reload, start in the language last used on this device; the next sign-in sets its person's.
 */
export function setLanguage(lang: Language): void {
  // t() speaks English until the words arrive, then the screen renders again in `lang`.
  void loadLanguage(lang).catch(() => undefined);
  setLanguageSignal(lang);
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Storage full or denied: the language still holds for this page.
  }
  if (globalThis.document) document.documentElement.lang = lang;
}
