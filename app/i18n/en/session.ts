/** The tablet session's words: sign-in lock-out per badge, the idle sign-out, whose problems (A2). */
export const session = {
  'session.attemptsLeft': (left: number, shown: string, lockFor: string) =>
    left === 1 ? `${shown} more wrong attempt locks this badge for ${lockFor}.` : `${shown} more wrong attempts lock this badge for ${lockFor}.`,
  'session.locked': (attempts: string, remaining: string) =>
    `This badge is locked on this tablet after ${attempts} wrong attempts. Try again in ${remaining}. Someone else can sign in now.`,
  'session.notThisStation': (serves: string, yours: string) =>
    `Your badge and PIN are right, but this tablet serves ${serves}; you work at ${yours}. Use a tablet at your station, or ask your lead.`,
  'session.noStation': 'no station yet',
  'session.idleWarning': (left: string) => `Nobody has used this tablet for a while. It signs you out in ${left}; your drafts are kept.`,
  'session.stillHere': 'I’m still here',
  'session.idleSignedOut': (minutes: number, shown: string) =>
    `Signed out after ${shown} ${minutes === 1 ? 'minute' : 'minutes'} without use. Your drafts are kept.`,
  'session.problemHeadOf': (who: string, noun: string, subject: string, time: string) =>
    `${who}’s ${noun}${subject ? ` (${subject})` : ''} at ${time} was not applied`,
  'session.idleSetting.title': 'Tablet sign-out',
  'session.idleSetting.help': 'A tablet signs its person out after this many minutes without a touch, key or scan. Their drafts are kept.',
  'session.idleSetting.label': 'Minutes without use',
  'session.idleSetting.save': 'Save',
  'session.idleSetting.saved': (shown: string) => `Saved: tablets sign out after ${shown} minutes without use.`,
  'session.idleSetting.failed': 'Not saved. Check the number (1 to 480 minutes) and try again.',
};
