/** Why the update cannot be applied right now, or null when it can. */
export function updateBlockedReason(pending: number, inTask: boolean): string | null {
  if (pending > 0) return `Waiting for ${pending} change${pending === 1 ? '' : 's'} to sync first`;
  if (inTask) return 'Finish the current task first';
  return null;
}
