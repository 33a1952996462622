/** The sync state's words for refused pushes and the first download (DESIGN §8, L4). */
export const syncState = {
  'syncState.refused.toggle': 'Changes not reaching the server',
  'syncState.refused.detail': (pending: string) =>
    `The server refuses this tablet's changes, so none of them is applied. ${pending} kept on this tablet and sent once it is enrolled again.`,
  'syncState.refused.pending': (n: number, formatted: string) => (n === 1 ? '1 change is' : `${formatted} changes are`),
  'syncState.progress.of': (done: string, total: string) => `Downloading the plant: ${done} of ${total} records`,
  'syncState.progress.so-far': (done: string) => `Downloading the plant: ${done} records so far`,
};
