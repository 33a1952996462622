import { common } from './common';
import { corrections } from './corrections';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = { ...common, ...corrections };
