import { type Accessor, createMemo, createResource } from 'solid-js';
import { sentenceFor } from '../../components/outcome-text';
import { t } from '../../i18n';
import type { ApiResult } from '../../session/console-api';

/** Why a list's GET failed, as console-api answers it. */
export type LoadFailure = { code: string; message: string; status: number };

/** A console list fetched from the server: what its empty row or note says depends on all three. */
export interface ListLoad<T> {
  /** The last list the server answered; a failed reload keeps it, so rows on screen do not vanish. */
  value: Accessor<T | undefined>;
  /** True until the first answer, and again while a reload after a failure waits for its answer. */
  loading: Accessor<boolean>;
  /** Why the last load failed; null once one succeeded. */
  failure: Accessor<LoadFailure | null>;
  reload: () => Promise<void>;
}

/** Fetches a list (when `when` holds) and keeps a failure apart from an empty answer, so a list that did not load never reads "No … yet". */
export function createListLoad<T>(load: () => Promise<ApiResult<T>>, when: Accessor<boolean> = () => true): ListLoad<T> {
  const [answer, { refetch }] = createResource(when, () => load());
  const value = createMemo<T | undefined>((last) => {
    const a = answer();
    return a?.ok ? a.value : last;
  }, undefined);
  const failure = () => {
    const a = answer();
    return a && !a.ok ? { code: a.code, message: a.message, status: a.status } : null;
  };
  return {
    value,
    loading: () => answer() === undefined || (answer.loading && failure() !== null),
    failure,
    reload: async () => void (await refetch()),
  };
}

/** Why, in words a coordinator can act on. */
function reason(f: LoadFailure): string {
  if (f.code === 'offline' || f.status === 0) return t('console.load.offline');
  if (f.status === 401 || f.code === 'unauthorized') return t('console.load.unauthorized');
  if (f.status === 403 || f.code === 'forbidden') return t('console.load.forbidden');
  if (f.code === 'invalid-response') return t('console.load.unreadable');
  if (f.status === 429 || f.code === 'rate-limited') return t('console.load.busy');
  if (f.status >= 500) return t('console.load.serverError');
  const s = sentenceFor(f.code, f.message).replace(/\.$/, '');
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** "Could not load the stations: the server did not answer. Nothing is lost." — null when nothing failed; `what` in the current language. */
export function loadFailureText(what: string, f: LoadFailure | null): string | null {
  return f ? t('console.load.failed', what, reason(f)) : null;
}
