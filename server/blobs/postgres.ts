import { createHash } from 'node:crypto';
import pg from 'pg';
import { SHA256_PATTERN, type BlobStore } from './types';

/**
 * Blobs in PostgreSQL's `blobs` table (migration 004), for several instances without a shared
 * disk (D3). A few connections of its own: a 50 MB upload must not hold one of the store's pool.
 */
export function createPostgresBlobStore(opts: { url: string; poolSize?: number }): BlobStore {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 3,
    application_name: 'floorboard-blobs',
    // D1, as the store's own pool: an uploaded file is on disk before the answer says so.
    options: '-c synchronous_commit=on',
  });
  pool.on('error', (err) => console.error('postgres blobs: idle connection failed', err));
  const check = (sha: string) => {
    if (!SHA256_PATTERN.test(sha)) throw new Error(`not a sha256: ${sha.slice(0, 80)}`);
    return sha;
  };
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      // Written once: a second upload of the same bytes changes nothing.
      await pool.query('INSERT INTO blobs (sha256, size, bytes, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
        sha,
        bytes.byteLength,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        new Date().toISOString(),
      ]);
      return sha;
    },
    async get(sha) {
      const r = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE sha256 = $1', [check(sha)]);
      const b = r.rows[0]?.bytes;
      return b ? new Uint8Array(b) : null;
    },
    async has(sha) {
      return (await pool.query('SELECT 1 FROM blobs WHERE sha256 = $1', [check(sha)])).rowCount === 1;
    },
    async size(sha) {
      const r = await pool.query<{ size: string }>('SELECT size FROM blobs WHERE sha256 = $1', [check(sha)]);
      return r.rows[0] ? Number(r.rows[0].size) : null;
    },
    close: () => pool.end(),
  };
}
