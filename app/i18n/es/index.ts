import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { documents } from './documents';

export const es: Messages<typeof english> = { ...common, ...documents };
