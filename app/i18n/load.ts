import { createSignal } from 'solid-js';
import type { Code } from '../../shared/codes';
import type { Language } from '../../shared/language';
import { codes as enCodes } from './en/codes';
import type { en } from './en/index';
import { kinds as enKinds } from './en/kinds';
import { enShell } from './en-shell';
import type { Message } from './messages';

export type MessageKey = keyof typeof en;

/**
 * Every language's messages, by key. Only the tablet's English is in the first load (figure 8):
 * other languages arrive with loadLanguage, the console's English with loadConsoleWords; until
 * then t() speaks English. Tests `await loadCatalogues()` before reading a language here.
 */
// A copy: the console's words are added to it, and en-shell's own object stays the shell's.
export const CATALOGUES = { en: { ...enShell } } as unknown as Record<Language, Record<MessageKey, Message>>;
/** Every code's sentence, per language: total maps (STYLE habit 2), so a code without words does not compile. */
export const CODE_WORDS = { en: enCodes } as Record<Language, Record<Code, string>>;
/** The words for the schema's enum values, per language, each total over its enum. */
export const KIND_WORDS = { en: enKinds } as Record<Language, typeof enKinds>;

// Bumped when words arrive: t() reads it, so what rendered in English renders again.
const [version, setVersion] = createSignal(0);
/** Read inside t(): subscribes the caller to words arriving. */
export const cataloguesVersion = version;

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ es: object; codes: Record<Code, string>; kinds: typeof enKinds }>> = {
  es: () => import('./es-all'),
};

const loading = new Map<string, Promise<void>>();
const once = (key: string, load: () => Promise<void>): Promise<void> => {
  let p = loading.get(key);
  if (!p) {
    p = load().catch((err: unknown) => {
      // Offline before the chunk was cached: English serves, and the next call tries again.
      loading.delete(key);
      throw err;
    });
    loading.set(key, p);
  }
  return p;
};

/** Whether `lang`'s words are here (English always is). */
export const hasLanguage = (lang: Language): boolean => Object.hasOwn(CATALOGUES, lang);

/** Fetches `lang`'s words (its own chunk, precached by the service worker) and re-renders what shows. */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' || hasLanguage(lang)) return Promise.resolve();
  return once(lang, async () => {
    const m = await LOADERS[lang]();
    CATALOGUES[lang] = m.es as Record<MessageKey, Message>;
    CODE_WORDS[lang] = m.codes;
    KIND_WORDS[lang] = m.kinds;
    setVersion((v) => v + 1);
  });
}

/** The console's English words (its lazy chunks wait for them before they render). */
export function loadConsoleWords(): Promise<void> {
  return once('console', async () => {
    const { enConsole } = await import('./en-console');
    Object.assign(CATALOGUES.en, enConsole);
    setVersion((v) => v + 1);
  });
}

/** Every catalogue, for tests and tools that read them all. */
export async function loadCatalogues(): Promise<void> {
  await Promise.all([loadConsoleWords(), ...(Object.keys(LOADERS) as Language[]).map(loadLanguage)]);
}
