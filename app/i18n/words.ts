import type { Code } from '../../shared/codes';
import type { MutationName } from '../../shared/domain/mutators';
import type { Language } from '../../shared/language';
import type { HoldKind, OperationStatus, Role, ScheduleChangeKind } from '../../shared/schema';
import { codes as enCodes } from './en/codes';
import { kinds as enKinds, type PauseReason } from './en/kinds';
import { codes as esCodes } from './es/codes';
import { kinds as esKinds } from './es/kinds';
import { language } from './locale';

/** Every code's sentence, per language: total maps (STYLE habit 2), so a code without words does not compile. */
export const CODE_WORDS: Record<Language, Record<Code, string>> = { en: enCodes, es: esCodes };
/** The words for the schema's enum values, per language, each total over its enum. */
export const KIND_WORDS: Record<Language, typeof esKinds> = { en: enKinds, es: esKinds };

const has = <T extends object>(m: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(m, k);

/** The sentence for a known code in the current language, or undefined for one this app does not know. */
export function codeWords(code: string | null | undefined): string | undefined {
  const m = CODE_WORDS[language()];
  return code && has(m, code) ? m[code] : undefined;
}

/** "quality", "calidad": the word in "on quality hold". */
export const holdKindWord = (k: HoldKind | string): string => word('holdKinds', k);
/** "Priority shift", "Cambio de prioridad". */
export const changeKindWord = (k: ScheduleChangeKind | string): string => word('changeKinds', k);
/** "Running", "En marcha". */
export const operationStatusWord = (s: OperationStatus | string): string => word('operationStatuses', s);
/** "operator", "operario". */
export const roleWord = (r: Role | string): string => word('roles', r);
/** "completion", "finalización": what someone had tried to do, after "Your …". */
export const mutationNoun = (name: MutationName | string): string | undefined => {
  const m = KIND_WORDS[language()].mutationNouns;
  return has(m, name) ? m[name] : undefined;
};
/** The pause reasons a tablet offers, as the value a pause records; their words are `pauseReasonWord`. */
export const PAUSE_REASONS = Object.keys(enKinds.pauseReasons) as PauseReason[];
/** "Break", "Descanso"; a reason recorded elsewhere (free text) is shown as it is. */
export const pauseReasonWord = (r: string): string => {
  const m = KIND_WORDS[language()].pauseReasons;
  return has(m, r) ? m[r] : r;
};

// A value outside the enum (a newer server) is shown as it came: it is data, not a code.
function word(map: 'holdKinds' | 'changeKinds' | 'operationStatuses' | 'roles', k: string): string {
  const m = KIND_WORDS[language()][map] as Record<string, string>;
  return has(m, k) ? m[k]! : k;
}
