import type { Revocations } from './pokes';

/** Open event streams one device (or console user) may hold; a new one past it closes the oldest. */
export const DEFAULT_MAX_STREAMS_PER_DEVICE = 4;

/** Why the server ends an event stream (sent as the `closed` event's code). */
export type StreamEnd = 'unauthorized' | 'too-many-streams';

interface Entry {
  deviceId: string;
  end(reason: StreamEnd): void;
}

export interface StreamRegistry {
  /**
   * Registers an open stream under `key` (the device, or `console:<user>`); closes the oldest of
   * the key's streams beyond the cap. Returns the function that unregisters it.
   */
  open(key: string, deviceId: string, end: (reason: StreamEnd) => void): () => void;
}

/**
 * Every open `/api/sync/events` stream of this instance, by device: a revocation heard on the
 * channel ends that device's streams at once, and no device holds more than `maxPerDevice`
 * (a reloading tablet whose old connection has not timed out yet still gets its new one).
 */
export function createStreamRegistry(revocations: Revocations, maxPerDevice = DEFAULT_MAX_STREAMS_PER_DEVICE): StreamRegistry {
  const byKey = new Map<string, Entry[]>();
  revocations.subscribe(({ deviceId }) => {
    for (const entries of byKey.values()) {
      for (const e of [...entries]) if (e.deviceId === deviceId) e.end('unauthorized');
    }
  });
  return {
    open(key, deviceId, end) {
      const entry: Entry = { deviceId, end };
      const entries = byKey.get(key) ?? [];
      byKey.set(key, entries);
      entries.push(entry);
      while (entries.length > maxPerDevice) entries.shift()!.end('too-many-streams');
      return () => {
        const at = entries.indexOf(entry);
        if (at >= 0) entries.splice(at, 1);
        if (entries.length === 0 && byKey.get(key) === entries) byKey.delete(key);
      };
    },
  };
}
