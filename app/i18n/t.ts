import type { Language } from '../../shared/language';
import { CATALOGUES, cataloguesVersion, hasLanguage, loadLanguage, type MessageKey } from './load';
import { language } from './locale';
import type { Message } from './messages';
import type { en } from './en/index';

export { CATALOGUES, type MessageKey };
type Catalogue = typeof en;
type Params<K extends MessageKey> = Catalogue[K] extends (...args: infer A) => string ? A : [];

/**
 * The words for `key` in the current language (L1). Reactive: read inside JSX or an effect, a
 * screen re-renders when the language changes, and when its words arrive (app/i18n/load.ts).
 */
export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  return tIn(language(), key, ...params);
}

/** The words for `key` in a given language, for tests and for text made for someone else. */
export function tIn<K extends MessageKey>(lang: Language, key: K, ...params: Params<K>): string {
  cataloguesVersion();
  // A language named on screen (the language switch) or spoken by someone: its words are fetched.
  if (!hasLanguage(lang)) void loadLanguage(lang).catch(() => undefined);
  // Until a language's words (or the console's) arrive, English; a key not loaded anywhere shows as itself.
  const m = CATALOGUES[lang]?.[key] ?? CATALOGUES.en[key] ?? key;
  return render(m, params);
}

function render(m: Message, params: unknown[]): string {
  return typeof m === 'function' ? m(...params) : m;
}
