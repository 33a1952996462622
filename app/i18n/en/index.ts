import { common } from './common';
import { job } from './job';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = { ...common, ...job };
