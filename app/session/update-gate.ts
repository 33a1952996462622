import { formatNumber, t } from '../i18n';

/** Why the update cannot be applied right now, or null when it can. */
export function updateBlockedReason(pending: number, inTask: boolean): string | null {
  if (pending > 0) return t('update.waiting', pending, formatNumber(pending));
  if (inTask) return t('update.finishTask');
  return null;
}
