import { createContext, useContext, type Accessor } from 'solid-js';
import type { User } from '../../../shared/schema';
import type { FloorboardDB } from '../../db';
import type { DeviceInfo } from '../../queries/tablet';
import type { Runtime } from '../../session/runtime';

/** What every tablet screen gets from the shell. */
export interface TabletContextValue {
  runtime: Accessor<Runtime | undefined>;
  db: Accessor<FloorboardDB | undefined>;
  /** undefined while loading, null when not enrolled. */
  device: Accessor<DeviceInfo | null | undefined>;
  /** undefined while loading, null when nobody is signed in. */
  user: Accessor<User | null | undefined>;
  users: Accessor<User[]>;
  nameOf: (userId: string) => string | undefined;
}

export const TabletContext = createContext<TabletContextValue>();

export function useTablet(): TabletContextValue {
  const v = useContext(TabletContext);
  if (!v) throw new Error('useTablet outside TabletShell');
  return v;
}
