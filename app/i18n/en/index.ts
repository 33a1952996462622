import { common } from './common';
import { devices } from './devices';
import { syncState } from './sync-state';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = { ...common, ...devices, ...syncState };
