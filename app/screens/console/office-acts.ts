import { Language } from '../../../shared/language';
import { t } from '../../i18n';

type Args = Record<string, unknown>;
/** An argument as text; empty when the entry lacks it, so the message words it without. */
const s = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
/** A language tag named in the current language ("Spanish", "español"); empty for none. */
const languageName = (v: unknown) => {
  const l = Language.safeParse(v);
  return l.success ? t(`console.languageName.${l.data}`) : '';
};

/**
 * Words for the audit entries of office acts that are not mutations: console users
 * (server/auth/users.ts, whose args name the username) and plant setup (server/plant/, whose args
 * name what changed).
 */
const OFFICE_ACT: Record<string, (a: Args) => string> = {
  createUser: (a) => t('console.act.createUser', s(a.username)),
  setPassword: (a) => t('console.act.setPassword', s(a.username)),
  disableUser: (a) => t('console.act.disableUser', s(a.username)),
  enableUser: (a) => t('console.act.enableUser', s(a.username)),
  updateUser: (a) => t('console.act.updateUser', s(a.username), languageName(a.language)),
  createDepartment: (a) => t('console.act.createDepartment', s(a.name)),
  renameDepartment: (a) => t('console.act.renameDepartment', s(a.name)),
  createStation: (a) => t('console.act.createStation', s(a.name)),
  updateStation: (a) => t('console.act.updateStation', typeof a.name === 'string' ? a.name : ''),
  retireStation: (a) => t('console.act.retireStation', s(a.name)),
  restoreStation: (a) => t('console.act.restoreStation', s(a.name)),
  createReasonCode: (a) => t('console.act.createReasonCode', s(a.code), s(a.label)),
  updateReasonCode: (a) => t('console.act.updateReasonCode', s(a.code), s(a.label)),
  retireReasonCode: (a) => t('console.act.retireReasonCode', s(a.code)),
  restoreReasonCode: (a) => t('console.act.restoreReasonCode', s(a.code)),
  createShift: (a) => t('console.act.createShift', s(a.name)),
  updateShift: (a) => t('console.act.updateShift', typeof a.name === 'string' ? a.name : ''),
  removeShift: (a) => t('console.act.removeShift', s(a.name)),
};

/** "Added console user pat", or undefined for a mutation (described by the mutator catalogue). */
export function officeActText(mutation: string, args: unknown): string | undefined {
  const act = OFFICE_ACT[mutation];
  return act?.(args !== null && typeof args === 'object' ? (args as Args) : {});
}

/** Who acted from the `npm run users` command: `cli:<os user>`. */
export const cliActor = (actorId: string): string | undefined => (actorId.startsWith('cli:') ? t('console.feed.commandLine', actorId.slice(4)) : undefined);
