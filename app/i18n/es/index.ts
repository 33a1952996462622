import type { en as english } from '../en';
import type { Messages } from '../messages';
import { common } from './common';
import { devices } from './devices';
import { syncState } from './sync-state';

export const es: Messages<typeof english> = { ...common, ...devices, ...syncState };
