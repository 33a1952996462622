import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { outcome } from './outcome';
import { print } from './print';
import { session } from './session';
import { tablet } from './tablet';

export const es: Messages<typeof english> = {
  ...common,
  ...outcome,
  ...print,
  ...session,
  ...tablet,
};
