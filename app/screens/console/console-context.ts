import { createContext, useContext, type Accessor } from 'solid-js';
import type { Station, User } from '../../../shared/schema';
import type { MutationInput, MutationName } from '../../../shared/domain/mutators';
import type { MutationResultValue } from '../../../shared/domain/tx';
import type { FloorboardDB } from '../../db';
import type { DeviceRow, SessionUser } from '../../session/console-api';
import type { ListLoad } from './list-load';

export interface ConsoleContextValue {
  db: Accessor<FloorboardDB | undefined>;
  me: Accessor<SessionUser>;
  users: Accessor<User[]>;
  stations: Accessor<Station[]>;
  devices: Accessor<DeviceRow[]>;
  /** The devices list's load: whether it is loading or failed (its empty row says so). */
  devicesLoad: ListLoad<DeviceRow[]>;
  reloadDevices: () => Promise<void>;
  nameOf: (userId: string) => string;
  stationName: (id: string) => string;
  deviceName: (id: string) => string;
  /** Runs a mutation as the signed-in coordinator; the words of the result are returned. */
  mutate: <N extends MutationName>(name: N, args: MutationInput<N>) => Promise<MutationResultValue>;
}

export const ConsoleContext = createContext<ConsoleContextValue>();

export function useConsole(): ConsoleContextValue {
  const v = useContext(ConsoleContext);
  if (!v) throw new Error('useConsole outside the console');
  return v;
}
