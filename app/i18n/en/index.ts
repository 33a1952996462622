import { common } from './common';
import { documents } from './documents';
import { outcome } from './outcome';
import { print } from './print';
import { scan } from './scan';
import { tablet } from './tablet';

/** Every English message, by key. Each area keeps its own file so work on one does not touch another. */
export const en = {
  ...common,
  ...documents,
  ...outcome,
  ...print,
  ...scan,
  ...tablet,
};
