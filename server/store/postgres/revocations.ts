import type { Revocation, Revocations } from '../../sync/pokes';
import { createNotifyChannel } from './notify';

/** Revocations shared by every instance on one database; `close()` ends its connections. */
export interface PostgresRevocations extends Revocations {
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Device revocations that fan out across the instances on one database with LISTEN/NOTIFY (A1,
 * D3): a device revoked through one instance has its event streams on every instance closed at
 * once. One published while an instance's listening connection was down does not reach it; its
 * streams still re-check their token at the next heartbeat (server/routes/events.ts).
 */
export function createPostgresRevocations(opts: { url: string }): PostgresRevocations {
  return createNotifyChannel<Revocation>({
    url: opts.url,
    name: 'revocations',
    channel: 'floorboard_revocations',
    encode: (r) => ({ d: r.deviceId }),
    decode(json) {
      const { d } = json as { d: unknown };
      if (typeof d !== 'string') throw new Error('not a revocation');
      return { deviceId: d };
    },
  });
}
