import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { corrections } from './corrections';

export const es: Messages<typeof english> = { ...common, ...corrections };
