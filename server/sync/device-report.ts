import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../shared/domain/clock';
import { OUTBOX_HEADER, VERSION_HEADER } from '../../shared/protocol';
import { sha256 } from '../auth/crypto';
import type { AuthEnv } from '../auth/middleware';
import type { DeviceReport, Store } from '../store/types';

/** A report unchanged but for the time is written at most this often: each write takes the writer. */
const SEEN_EVERY_MS = 60_000;

/** Refused: revoked or unknown token (401), client id of another device (403), a gap (409). */
const REFUSED = new Set([401, 403, 409]);

const headerCount = (v: string | undefined): number | null => {
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};
const headerVersion = (v: string | undefined): string | null => (v && /^[\w.+-]{1,40}$/.test(v) ? v : null);

/**
 * Keeps what a tablet says of itself with each push and pull (`X-Floorboard-Outbox`,
 * `X-Floorboard-Version`) and whether the server accepted the request, on its device row, so the
 * console sees a tablet whose work is stuck. A revoked token still names its device: a revoked
 * tablet that keeps trying is the stuck one. Runs after the answer is made, so never changes it.
 */
export function deviceReports(store: Store, clock: Clock): MiddlewareHandler<AuthEnv> {
  const written = new Map<string, { report: DeviceReport; at: number }>();
  const deviceOf = async (c: Context<AuthEnv>) => {
    const p = c.get('principal');
    if (p) return p.kind === 'device' ? p.deviceId : undefined;
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    return bearer ? (await store.getDeviceByTokenHash(sha256(bearer)))?.id : undefined;
  };
  return async (c, next) => {
    await next();
    if (c.req.header(OUTBOX_HEADER) === undefined) return;
    const status = c.res.status;
    const refused = REFUSED.has(status);
    if (!refused && (status < 200 || status >= 300)) return; // 429, 503, 400: nothing said about the device
    const deviceId = await deviceOf(c).catch(() => undefined);
    if (!deviceId) return;
    const now = clock.now();
    const before = written.get(deviceId)?.report ?? (await store.getDevice(deviceId))?.report;
    const report: DeviceReport = {
      lastSeenAt: new Date(now).toISOString(),
      appVersion: headerVersion(c.req.header(VERSION_HEADER)) ?? before?.appVersion ?? null,
      outboxCount: headerCount(c.req.header(OUTBOX_HEADER)),
      refusedSince: refused ? (before?.refusedSince ?? new Date(now).toISOString()) : null,
    };
    const last = written.get(deviceId);
    const same =
      last &&
      last.report.appVersion === report.appVersion &&
      last.report.outboxCount === report.outboxCount &&
      last.report.refusedSince === report.refusedSince;
    if (same && now - last.at < SEEN_EVERY_MS) return;
    try {
      await store.transaction((tx) => tx.updateDevice(deviceId, { report }));
      written.set(deviceId, { report, at: now });
    } catch {
      // A report that cannot be written (storage busy) is only late: the next request brings another.
    }
  };
}
