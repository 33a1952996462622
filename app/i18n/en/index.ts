import { common } from './common';
import { outcome } from './outcome';
import { print } from './print';
import { session } from './session';
import { tablet } from './tablet';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = {
  ...common,
  ...outcome,
  ...print,
  ...session,
  ...tablet,
};
