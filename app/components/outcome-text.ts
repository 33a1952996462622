import { codeWords, formatRelative, formatTime, holdKindWord, language, mutationNoun, t } from '../i18n';

/**
 * The words for result codes and the sentences around them (DESIGN §4, C4), in the current
 * language: each code's sentence comes from the total maps of app/i18n/<lang>/codes.ts, and a code
 * this app does not know (a newer server) reads as a generic sentence, never as the code itself.
 */

/**
 * Words for the sync status bar's last error: a server code as `server-<code>` (app/sync/push.ts),
 * `http-<status>`, `offline`…; whatever it is, the outbox is kept and sync retries.
 */
export function syncErrorText(err: string): string {
  const code = err.startsWith('server-') && !codeWords(err) ? err.slice('server-'.length) : err;
  return codeWords(code) ?? t('outcome.syncFailed');
}

/**
 * A sentence for a code. For a code without words, the server's own message when the screen
 * speaks English (the server's language), else a generic sentence; never the code.
 */
export function sentenceFor(code: string | null | undefined, message?: string | null): string {
  const words = codeWords(code);
  if (words) return words;
  if (message && language() === 'en') return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');
  return t('outcome.refused');
}

/** "10:02" in the tablet's local time, or the raw text when it is not a date. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatTime(iso);
}

/** "Try again at 10:42 (in 3 minutes)." for a lock's `retryAt`; empty without one. */
export function retryText(retryAt: string | null | undefined, now: number): string {
  const at = retryAt ? Date.parse(retryAt) : Number.NaN;
  if (Number.isNaN(at)) return '';
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return t('outcome.retryNow');
  // Rounded: the shared clock ticks every 15 s, so a 60-second wait may read as 70 seconds.
  const m = Math.round(s / 60);
  const wait = s < 60 ? t('outcome.waitUnderMinute') : m < 90 ? t('outcome.waitMinutes', m) : t('outcome.waitHours', Math.round(m / 60));
  return t('outcome.retryAt', clockTime(retryAt), wait);
}

export interface ProblemLike {
  mutation: string;
  /** Whose change it was; absent where the reader is always its author. */
  actorId?: string;
  at: string;
  code: string;
  message: string;
  other?: { mutation: string; actorId: string; at: string; deviceId?: string } | null;
  kind: 'rejected' | 'conflict';
  /** What it was about, e.g. "WO-241004 op 20", when the device knows. */
  subject?: string;
}

/** What the other side did, in words: "the job was put on quality hold". */
function otherWords(p: ProblemLike & { other: NonNullable<ProblemLike['other']> }): string {
  if (p.code === 'work-order-on-hold' || p.other.mutation === 'placeHold') {
    // The hold's kind is in the mutator's message ("the job was put on quality hold: …").
    const kind = /on (\w+) hold/.exec(p.message)?.[1];
    return kind ? t('outcome.other.placeHoldKind', holdKindWord(kind)) : t('outcome.other.placeHold');
  }
  switch (p.other.mutation) {
    case 'completeOperation':
      return t('outcome.other.completeOperation');
    case 'startOperation':
      return t('outcome.other.startOperation');
    case 'pauseOperation':
      return t('outcome.other.pauseOperation');
    case 'releaseHold':
      return t('outcome.other.releaseHold');
    default:
      return t('outcome.other.someoneElse');
  }
}

/**
 * The sentence the operator reads for a change the server did not apply (C4), e.g.
 * "Your completion at 10:02 was not applied: the job was put on quality hold at 09:55 by Ana."
 */
export function describeProblem(p: ProblemLike, nameOf: (userId: string) => string | undefined, viewerId?: string): string {
  const noun = mutationNoun(p.mutation) ?? t('outcome.someChange');
  // A2: another person's change (a lead sees everyone's) is named: "Linh Nguyen's start …", not "Your start …".
  const owner = viewerId && p.actorId && p.actorId !== viewerId ? (nameOf(p.actorId) ?? t('station.someone')) : undefined;
  const head = owner
    ? t('session.problemHeadOf', owner, noun, p.subject ?? '', clockTime(p.at))
    : t('outcome.problemHead', noun, p.subject ?? '', clockTime(p.at));
  if (p.kind === 'conflict' && p.other) {
    const who = nameOf(p.other.actorId) ?? (p.other.deviceId === 'console' ? t('outcome.theCoordinator') : '');
    return t('outcome.problemOther', head, otherWords({ ...p, other: p.other }), clockTime(p.other.at), who);
  }
  const sentence = sentenceFor(p.code, p.message);
  return t('outcome.problemWhy', head, `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`);
}

/** "just now", "2 min. ago", "3 hr. ago", or a date for older times. */
export function relativeTime(iso: string | number | null | undefined, now: number): string {
  return formatRelative(iso, now);
}

export type ResultLike =
  | { outcome: 'applied'; flags?: string[] }
  | { outcome: 'rejected'; code: string; message: string }
  | { outcome: 'conflict'; code: string; message: string; other: { mutation: string; actorId: string; at: string } | null };

/** What the person reads right after pressing a button. */
export function resultText(r: ResultLike, done: string, nameOf: (id: string) => string | undefined): string {
  if (r.outcome === 'applied') return r.flags?.includes('over-reported') ? `${done} ${t('outcome.overReported')}` : done;
  if (r.outcome === 'conflict' && r.other) {
    return t('outcome.notDoneChanged', sentenceFor(r.code, r.message).replace(/\.$/, ''), clockTime(r.other.at), nameOf(r.other.actorId) ?? '');
  }
  return t('outcome.notDone', sentenceFor(r.code, r.message));
}
