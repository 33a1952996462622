import type { Language } from '../../shared/language';
import { en } from './en';
import { es } from './es';
import { language } from './locale';
import type { Message } from './messages';

type Catalogue = typeof en;
export type MessageKey = keyof Catalogue;
type Params<K extends MessageKey> = Catalogue[K] extends (...args: infer A) => string ? A : [];

export const CATALOGUES: Record<Language, Record<MessageKey, Message>> = { en, es };

/**
 * The words for `key` in the current language (L1). Reactive: read inside JSX or an effect, a
 * screen re-renders when the language changes. Parameters are the message's own, type-checked.
 */
export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  return render(CATALOGUES[language()][key], params);
}

/** The words for `key` in a given language, for tests and for text made for someone else. */
export function tIn<K extends MessageKey>(lang: Language, key: K, ...params: Params<K>): string {
  return render(CATALOGUES[lang][key], params);
}

function render(m: Message, params: unknown[]): string {
  return typeof m === 'function' ? m(...params) : m;
}
