import type { DeviceRow } from '../types';
import type { Statements } from './statements';

const MAX_CACHED_DEVICES = 10_000;

/** Devices by token hash, cached; see {@link deviceCache}. */
export interface DeviceCache {
  byTokenHash(tokenHash: string): DeviceRow | undefined;
  /** Forgets every device: after a device write, a rollback, a savepoint rolled back. */
  clear(): void;
}

/**
 * Every push and pull authenticates its device (A1), and the devices table changes only by
 * enrolment and revocation. Cleared on every device write, every rollback and whenever another
 * connection has committed to the file, so a revoked token is refused at once.
 */
export function deviceCache(statements: Statements): DeviceCache {
  const devices = new Map<string, DeviceRow>();
  let dataVersion = -1;
  return {
    byTokenHash(tokenHash) {
      const dv = statements.dataVersion();
      if (dv !== dataVersion) {
        devices.clear();
        dataVersion = dv;
      }
      let d = devices.get(tokenHash);
      if (!d) {
        d = statements.getDeviceByTokenHash(tokenHash);
        if (d && devices.size < MAX_CACHED_DEVICES) devices.set(tokenHash, d);
      }
      return d;
    },
    clear: () => devices.clear(),
  };
}
