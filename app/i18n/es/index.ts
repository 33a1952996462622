import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { scan } from './scan';

export const es: Messages<typeof english> = { ...common, ...scan };
