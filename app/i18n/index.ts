export { language, languageReady, setLanguage, LOCALE } from './locale';
export { hasLanguage, loadCatalogues, loadConsoleWords, loadLanguage } from './load';
export { LANGUAGE_NAMES, languageName } from './language-names';
export { t, tIn, CATALOGUES, type MessageKey } from './t';
export * from './format';
export * from './words';
