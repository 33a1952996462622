import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { consoleMessages } from './console';
import { consolePeople } from './console-people';
import { consolePlant } from './console-plant';
import { corrections } from './corrections';
import { devices } from './devices';
import { documents } from './documents';
import { job } from './job';
import { outcome } from './outcome';
import { print } from './print';
import { queueList } from './queue-list';
import { scan } from './scan';
import { session } from './session';
import { syncState } from './sync-state';
import { tablet } from './tablet';

export const es: Messages<typeof english> = {
  ...common,
  ...consoleMessages,
  ...consolePeople,
  ...consolePlant,
  ...corrections,
  ...devices,
  ...documents,
  ...job,
  ...outcome,
  ...print,
  ...queueList,
  ...scan,
  ...session,
  ...syncState,
  ...tablet,
};
