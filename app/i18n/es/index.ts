import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { job } from './job';

export const es: Messages<typeof english> = { ...common, ...job };
