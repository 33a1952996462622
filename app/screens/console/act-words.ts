import { isMutationName, MUTATORS } from '../../../shared/domain/mutators';
import type { Language } from '../../../shared/language';
import { language } from '../../i18n';
import { type ActContext, type ActWords, acts as en } from '../../i18n/en/acts';
import { acts as es } from '../../i18n/es/acts';

const ACTS: Record<Language, ActWords> = { en, es };

/**
 * "reported 7 good, 0 scrap" in the console's language, from an audit entry's mutation and args.
 * Args that do not parse (an entry of an older catalogue) and unknown names fall back to the name.
 */
export function actText(name: string, args: unknown, c: ActContext): string {
  if (!isMutationName(name)) return name;
  const parsed = MUTATORS[name].args.safeParse(args);
  if (!parsed.success) return name;
  const describe = ACTS[language()][name] as (a: unknown, c: ActContext) => string;
  return describe(parsed.data, c) || name;
}
