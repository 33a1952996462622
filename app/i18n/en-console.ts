import { consoleMessages } from './en/console';
import { consolePeople } from './en/console-people';
import { consolePlant } from './en/console-plant';
import { print } from './en/print';

/** The English words only the console's lazy chunks use (loaded by app/i18n/load.ts's loadConsoleWords). */
export const enConsole = {
  ...consoleMessages,
  ...consolePeople,
  ...consolePlant,
  ...print,
};
