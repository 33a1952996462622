import { createSignal } from 'solid-js';
import { DEFAULT_LANGUAGE, Language } from '../../shared/language';

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

/** The language every screen speaks now: the signed-in person's, else the one last picked here. */
export { language };

/**
 * Speak `lang` from now on. Kept in localStorage so the sign-in screen of the next person, and a
 * reload, start in the language last used on this device; the next sign-in sets its person's.
 */
export function setLanguage(lang: Language): void {
  setLanguageSignal(lang);
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Storage full or denied: the language still holds for this page.
  }
  if (globalThis.document) document.documentElement.lang = lang;
}
