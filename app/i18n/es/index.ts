import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { print } from './print';

export const es: Messages<typeof english> = { ...common, ...print };
