import type { Code } from '../../shared/codes';
import type { MutationName } from '../../shared/domain/mutators';
import type { HoldKind, OperationStatus, Role, ScheduleChangeKind } from '../../shared/schema';
import { kinds as enKinds, type PauseReason } from './en/kinds';
import { CODE_WORDS, cataloguesVersion, KIND_WORDS } from './load';
import { language } from './locale';

export { CODE_WORDS, KIND_WORDS };

// English until the current language's words have arrived (app/i18n/load.ts), then those.
const codesNow = (): Record<Code, string> => (cataloguesVersion(), CODE_WORDS[language()] ?? CODE_WORDS.en);
const kindsNow = (): typeof enKinds => (cataloguesVersion(), KIND_WORDS[language()] ?? KIND_WORDS.en);

const has = <T extends object>(m: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(m, k);

/** The sentence for a known code in the current language, or undefined for one this app does not know. */
export function codeWords(code: string | null | undefined): string | undefined {
  const m = codesNow();
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
  const m = kindsNow().mutationNouns;
  return has(m, name) ? m[name] : undefined;
};
/** The pause reasons a tablet offers, as the value a pause records; their words are `pauseReasonWord`. */
export const PAUSE_REASONS = Object.keys(enKinds.pauseReasons) as PauseReason[];
/** "Break", "Descanso"; a reason recorded elsewhere (free text) is shown as it is. */
export const pauseReasonWord = (r: string): string => {
  const m = kindsNow().pauseReasons;
  return has(m, r) ? m[r] : r;
};

// A value outside the enum (a newer server) is shown as it came: it is data, not a code.
function word(map: 'holdKinds' | 'changeKinds' | 'operationStatuses' | 'roles', k: string): string {
  const m = kindsNow()[map] as Record<string, string>;
  return has(m, k) ? m[k]! : k;
}
