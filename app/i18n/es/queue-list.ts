import type { queueList as en } from '../en/queue-list';
import type { Messages } from '../messages';

export const queueList: Messages<typeof en> = {
  'queueList.listed': (listed: string, matching: string) => `Se listan ${listed} de ${matching} trabajos que coinciden`,
  'queueList.more': (n: string) => `Mostrar ${n} más`,
};
