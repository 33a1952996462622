import { common } from './common';
import { scan } from './scan';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = { ...common, ...scan };
