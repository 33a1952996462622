/** Words for the kebab-case codes the domain and the server answer with (DESIGN §4, C4). */
const SENTENCES: Record<string, string> = {
  'work-order-on-hold': 'The job is on hold.',
  'operation-already-completed': 'The operation was already completed.',
  'operation-already-running': 'The operation is already running.',
  'operation-not-running': 'The operation is not running.',
  'operation-not-started': 'The operation has not been started yet.',
  'illegal-transition': 'That step is not possible in the operation’s current state.',
  'not-allowed-at-station': 'You are not allowed to work at this station.',
  'role-not-allowed': 'Your role is not allowed to do this.',
  'operation-not-found': 'This operation no longer exists.',
  'work-order-not-found': 'This work order no longer exists.',
  'station-not-found': 'This station no longer exists.',
  'change-not-found': 'This schedule change no longer exists.',
  'hold-not-found': 'This hold no longer exists.',
  'hold-already-released': 'The hold had already been released.',
  'conflict-not-found': 'This conflict no longer exists.',
  'conflict-already-resolved': 'This conflict was already resolved.',
  'duplicate-id': 'This was already recorded.',
  'empty-report': 'Enter at least one good or scrap part.',
  'scrap-reason-required': 'Scrap needs a reason.',
  'unknown-scrap-reason': 'That scrap reason is not known.',
  'invalid-args': 'Some of the entered values are not valid.',
  'unknown-mutation': 'This app version sent an action the server does not know. Update the app.',
  'unknown-actor': 'The server does not know the signed-in person.',
  'actor-inactive': 'Not applied: this person has been disabled. Ask the coordinator.',
  'actor-not-verified': 'Not applied: the server could not confirm it was you. Sign in on this tablet with your badge and PIN, then do it again.',
  'actor-not-at-device': 'Not applied: this person does not work at this tablet’s stations.',
  'actor-mismatch': 'Not applied: the console may act only as the person signed in to it.',
  'protocol-version': 'This app is out of date. Update the app.',
  unauthorized: 'This tablet is no longer enrolled or its sign-in expired.',
  forbidden: 'You are not allowed to do this.',
  'invalid-credentials': 'Wrong username or password.',
  'enrollment-code-invalid': 'That enrollment code is not valid, already used or expired. Ask the coordinator for a new one.',
  'sign-in-locked': 'Too many failed sign-in attempts from here.',
  'enrollment-locked': 'Too many wrong enrollment codes from here.',
  'unsupported-media-type': 'The server could not read the request. Update the app.',
  'cross-origin-request': 'The server refused a request that did not come from its own pages. Reload the page.',
  'mutation-gap': 'The tablet and the server disagree about which changes were sent. Sync will retry.',
  'malformed-json': 'The server could not read the request.',
  'invalid-request': 'The server refused the request as invalid.',
  'body-too-large': 'Too much data at once; it will be sent in smaller parts.',
  'not-found': 'Not found.',
  'args-too-large': 'This change holds too much data; the server refused it.',
  'args-too-deep': 'This change is malformed (nested too deeply); the server refused it.',
  'args-invalid-text': 'This change holds characters the server cannot store; it was refused.',
  'request-too-deep': 'The server could not read the request (nested too deeply).',
  'invalid-text': 'The request holds characters the server cannot store.',
  'rate-limited': 'The server is busy with this tablet’s changes; sync will retry shortly.',
  'internal-error': 'The server failed. Your changes are kept and sync will retry.',
  'storage-unavailable': 'The server cannot save right now; your changes are kept and sync will retry.',
  'too-many-streams': 'This tablet has too many open connections; the oldest was closed.',
  'client-taken': 'Another browser already uses this sync identity.',
  'password-too-short': 'A password needs at least 12 characters.',
  'password-is-username': 'A password may not be the username.',
  'username-taken': 'That username is taken. Pick another.',
  'old-password-wrong': 'The current password is wrong.',
  'cannot-disable-self': 'You cannot disable your own account. Ask another coordinator.',
  'badge-taken': 'That badge already belongs to someone else. Check the number on the card.',
  'unknown-station': 'One of the chosen stations does not exist (any more). Reload and pick again.',
  'stations-required': 'Pick at least one station this person works at.',
  'pin-format': 'A PIN is 4 to 12 digits, digits only.',
  'pin-too-simple': 'That PIN is too easy to guess (one digit repeated, or a run like 1234, 7890 or 9876). Pick another.',
  'not-a-floor-person': 'This is a console user; change them under Console users.',
  'no-pin-for-role': 'The auditor is read-only and never signs in at a tablet, so gets no PIN.',
  'department-name-taken': 'There is a department of that name already.',
  'unknown-department': 'That department does not exist (any more). Reload and pick again.',
  'station-name-taken': 'There is a station of that name already. Pick a name people can tell apart.',
  'station-retired': 'That station is retired; it takes no new tablets or people.',
  'station-in-use': 'This station is still in use, so it was not retired.',
  'station-not-retired': 'This station is not retired (any more), so there is nothing to restore. Reload to see it as it is.',
  'reason-code-taken': 'That code is taken in this kind of reason (perhaps by a retired one, which old reports still use). Pick another code.',
  'reason-not-retired': 'This reason is not retired (any more), so there is nothing to restore. Reload to see it as it is.',
  'shift-name-taken': 'There is a shift of that name already.',
  'shift-times-equal': 'A shift must end at another time than it starts.',
  'break-too-long': 'The planned breaks must be shorter than the shift.',
  'network-error': 'The server cannot be reached.',
  offline: 'The server cannot be reached. Check the Wi-Fi and try again.',
  'invalid-response': 'The server answered something unexpected.',
  'device-revoked-or-unknown': 'The server no longer accepts this tablet. Enroll it again.',
  'not-enrolled': 'This tablet is not enrolled yet.',
  'console-only': 'Documents and travelers are released at the console, not from a tablet.',
  'document-not-found': 'This document no longer exists.',
  'document-not-draft': 'This document revision was already released or superseded.',
  'document-not-released': 'A traveler may list released documents only; release the document first.',
  'document-revision-exists': 'That document number already has this revision. Pick the next revision.',
  'traveler-revision-exists': 'This work order already has a traveler at that revision.',
  'stale-traveler-revision': 'Done on a traveler revision that had been replaced. It was recorded; check the current traveler.',
  'unsupported-content-type': 'Only PDF, PNG, JPEG and Markdown files can be documents.',
  'sha256-mismatch': 'The file arrived damaged (its checksum does not match). Upload it again.',
};

/**
 * Words for the sync status bar's last error: a server code as `server-<code>` (app/sync/push.ts),
 * `http-<status>`, `offline`…; whatever it is, the outbox is kept and sync retries.
 */
export function syncErrorText(err: string): string {
  const code = err.startsWith('server-') ? err.slice('server-'.length) : err;
  return SENTENCES[code] ?? 'The last sync failed. Your changes are kept and sync will retry.';
}

/** A sentence for a code; falls back to the server's own message, then the code itself. */
export function sentenceFor(code: string | null | undefined, message?: string | null): string {
  if (code && SENTENCES[code]) return SENTENCES[code]!;
  if (message) return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');
  return code ? `Not applied (${code}).` : 'Not applied.';
}

/** What the person had tried to do, as a noun phrase: "Your completion". */
const ACTION_NOUN: Record<string, string> = {
  startOperation: 'start of the operation',
  pauseOperation: 'pause',
  completeOperation: 'completion',
  reportQuantity: 'quantity report',
  acknowledgeChange: 'acknowledgement',
  addNote: 'note',
  postScheduleChange: 'schedule change',
  placeHold: 'hold',
  releaseHold: 'hold release',
  resolveConflict: 'conflict resolution',
};

const OTHER_VERB: Record<string, string> = {
  placeHold: 'the job was put on hold',
  completeOperation: 'the operation was completed',
  startOperation: 'the operation was started',
  pauseOperation: 'the operation was paused',
  releaseHold: 'the hold was released',
};

/** "10:02" in the tablet's local time, or the raw text when it is not a date. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** "Try again at 10:42 (in 3 minutes)." for a lock's `retryAt`; empty without one. */
export function retryText(retryAt: string | null | undefined, now: number): string {
  const t = retryAt ? Date.parse(retryAt) : NaN;
  if (Number.isNaN(t)) return '';
  const s = Math.ceil((t - now) / 1000);
  if (s <= 0) return 'You can try again now.';
  // Rounded: the shared clock ticks every 15 s, so a 60-second wait may read as 70 seconds.
  const m = Math.round(s / 60);
  const wait = s < 60 ? 'less than a minute' : m === 1 ? '1 minute' : m < 90 ? `${m} minutes` : `${Math.round(m / 60)} hours`;
  return `Try again at ${clockTime(retryAt)} (in ${wait}).`;
}

export interface ProblemLike {
  mutation: string;
  at: string;
  code: string;
  message: string;
  other?: { mutation: string; actorId: string; at: string; deviceId?: string } | null;
  kind: 'rejected' | 'conflict';
  /** What it was about, e.g. "WO-241004 op 20", when the device knows. */
  subject?: string;
}

/**
 * The sentence the operator reads for a change the server did not apply (C4), e.g.
 * "Your completion at 10:02 was not applied: the job was put on quality hold at 09:55 by Ana."
 */
export function describeProblem(p: ProblemLike, nameOf: (userId: string) => string | undefined): string {
  const noun = ACTION_NOUN[p.mutation] ?? 'change';
  const head = `Your ${noun}${p.subject ? ` (${p.subject})` : ''} at ${clockTime(p.at)} was not applied`;
  if (p.kind === 'conflict' && p.other) {
    const who = nameOf(p.other.actorId) ?? (p.other.deviceId === 'console' ? 'the coordinator' : undefined);
    let what = OTHER_VERB[p.other.mutation] ?? 'someone else changed it first';
    if (p.code === 'work-order-on-hold') {
      const m = /on (\w+) hold/.exec(p.message);
      what = m ? `the job was put on ${m[1]} hold` : 'the job was put on hold';
    }
    return `${head}: ${what} at ${clockTime(p.other.at)}${who ? ` by ${who}` : ''}.`;
  }
  const sentence = sentenceFor(p.code, p.message);
  return `${head}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

/** "just now", "2 min ago", "3 h ago", or a date for older times. */
export function relativeTime(iso: string | number | null | undefined, now: number): string {
  if (iso === null || iso === undefined || iso === '') return 'never';
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(t)) return 'never';
  const s = Math.round((now - t) / 1000);
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return new Date(t).toLocaleDateString();
}

export type ResultLike =
  | { outcome: 'applied'; flags?: string[] }
  | { outcome: 'rejected'; code: string; message: string }
  | { outcome: 'conflict'; code: string; message: string; other: { mutation: string; actorId: string; at: string } | null };

/** What the person reads right after pressing a button. */
export function resultText(r: ResultLike, done: string, nameOf: (id: string) => string | undefined): string {
  if (r.outcome === 'applied') {
    const extra = r.flags?.includes('over-reported') ? ' More parts are now reported than were ordered; the coordinator will see it.' : '';
    return `${done}${extra}`;
  }
  if (r.outcome === 'conflict' && r.other) {
    const who = nameOf(r.other.actorId);
    return `Not done: ${sentenceFor(r.code, r.message).replace(/\.$/, '')} (changed at ${clockTime(r.other.at)}${who ? ` by ${who}` : ''}).`;
  }
  return `Not done: ${sentenceFor(r.code, r.message)}`;
}
