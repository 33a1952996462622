import { createSignal } from 'solid-js';
import { DEFAULT_LANGUAGE, Language } from '../../shared/language';
import { hasLanguage, loadLanguage } from './load';

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
// A fetch that stalls (no service worker yet, a dying network) gives up the wait, not the words:
// the screen then renders in English and again in Spanish when they arrive.
const FIRST_WORDS_WAIT_MS = 3000;
let stall: ReturnType<typeof setTimeout> | undefined;
const firstWords = Promise.race([
  loadLanguage(language())
    .catch(() => undefined)
    .finally(() => clearTimeout(stall)),
  new Promise<void>((done) => {
    stall = setTimeout(done, FIRST_WORDS_WAIT_MS);
  }),
]);

/** Resolves when the saved language's words are here (or could not be fetched: English then). */
export const languageReady = (): Promise<void> => firstWords;

// The language asked for last: a slow fetch of one that was asked for earlier does not win.
let wanted: Language = language();

/** The language every screen speaks now: the signed-in person's, else the one last picked here. */
export { language };

/**
 * Speak `lang` from now on. Kept in localStorage so the sign-in screen of the next person, and a
 * reload, start in the language last used on this device; the next sign-in sets its person's.
 */
export function setLanguage(lang: Language): Promise<void> {
  wanted = lang;
  // The switch happens once the words are here (their own chunk): the screen goes from the old
  // language straight to the new, never through English. Offline without them, English serves.
  if (hasLanguage(lang)) return Promise.resolve(speak(lang));
  return loadLanguage(lang)
    .catch(() => undefined)
    .then(() => {
      if (wanted === lang) speak(lang);
    });
}

function speak(lang: Language): void {
  setLanguageSignal(lang);
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Storage full or denied: the language still holds for this page.
  }
  if (globalThis.document) document.documentElement.lang = lang;
}
