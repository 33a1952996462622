import { statfs } from 'node:fs/promises';
import { Hono } from 'hono';
import type { Clock } from '../../shared/domain/clock';

/** Free space below which /api/health reports `degraded` (default; AppConfig.minFreeBytes). */
export const DEFAULT_MIN_FREE_BYTES = 1024 ** 3;
/** statfs is cheap but /api/health is also the benchmark's floor: look at the disk this often. */
const STATFS_EVERY_MS = 5_000;

export interface HealthOptions {
  version: string;
  /** The data directory whose free space is reported; without it no `storage` is reported. */
  dataDir?: string;
  minFreeBytes?: number;
}

interface Storage {
  dir: string;
  freeBytes: number;
  totalBytes: number;
  low: boolean;
}

/**
 * `GET /api/health`: `{ ok, status: 'ok' | 'degraded', version, storage? }`. Degraded (still 200:
 * pulls and reads still work) when the data directory's free space is below `minFreeBytes` or
 * cannot be read, so monitoring sees a disk filling up before writes answer 503.
 */
export function healthRoutes(clock: Clock, o: HealthOptions) {
  const r = new Hono();
  const min = o.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  let cached: { at: number; storage: Storage | { dir: string; error: string } } | undefined;
  const storage = async () => {
    if (!o.dataDir) return undefined;
    if (cached && clock.now() - cached.at < STATFS_EVERY_MS) return cached.storage;
    try {
      const s = await statfs(o.dataDir);
      const freeBytes = s.bavail * s.bsize;
      cached = { at: clock.now(), storage: { dir: o.dataDir, freeBytes, totalBytes: s.blocks * s.bsize, low: freeBytes < min } };
    } catch (err) {
      cached = { at: clock.now(), storage: { dir: o.dataDir, error: (err as NodeJS.ErrnoException).code ?? 'statfs-failed' } };
    }
    return cached.storage;
  };
  r.get('/', async (c) => {
    const s = await storage();
    if (!s) return c.json({ ok: true, version: o.version });
    const degraded = 'error' in s || s.low;
    return c.json({ ok: true, status: degraded ? 'degraded' : 'ok', version: o.version, storage: s });
  });
  return r;
}
