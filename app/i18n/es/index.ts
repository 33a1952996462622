import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { consoleMessages } from './console';
import { consolePeople } from './console-people';
import { consolePlant } from './console-plant';

export const es: Messages<typeof english> = { ...common, ...consoleMessages, ...consolePeople, ...consolePlant };
