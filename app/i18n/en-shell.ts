import { common } from './en/common';
import { corrections } from './en/corrections';
import { devices } from './en/devices';
import { documents } from './en/documents';
import { job } from './en/job';
import { outcome } from './en/outcome';
import { queueList } from './en/queue-list';
import { scan } from './en/scan';
import { session } from './en/session';
import { syncState } from './en/sync-state';
import { tablet } from './en/tablet';

/**
 * The English words the tablet shell loads first: every area but the console's. The console's
 * (console*.ts, print.ts) come with its lazy chunk (app/i18n/en-console.ts, app/i18n/load.ts);
 * index.ts's `en` stays the whole catalogue, the type every language and t() check against.
 */
export const enShell = {
  ...common,
  ...corrections,
  ...devices,
  ...documents,
  ...job,
  ...outcome,
  ...queueList,
  ...scan,
  ...session,
  ...syncState,
  ...tablet,
};
