export { language, setLanguage, LOCALE } from './locale';
export { t, tIn, CATALOGUES, type MessageKey } from './t';
export * from './format';
export * from './words';
