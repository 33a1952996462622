/** The station queue's list when a filter lets through more jobs than it shows cards for. */
export const queueList = {
  'queueList.listed': (listed: string, matching: string) => `${listed} of ${matching} matching jobs listed`,
  'queueList.more': (n: string) => `Show ${n} more`,
};
