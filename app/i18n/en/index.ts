import { common } from './common';
import { consoleMessages } from './console';
import { consolePeople } from './console-people';
import { consolePlant } from './console-plant';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = { ...common, ...consoleMessages, ...consolePeople, ...consolePlant };
