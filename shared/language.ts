import { z } from 'zod';

/**
 * L1: the languages every screen speaks. Adding one is a catalogue under `app/i18n/<tag>/` and a
 * tag here; the compiler then names every message the new language lacks.
 */
export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;
export const DEFAULT_LANGUAGE: Language = 'en';
