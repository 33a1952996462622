import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SHA256_PATTERN, type BlobStore } from './types';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Blobs as files under `dir` (DATA_DIR/blobs): `ab/cdef…`, two hex digits a folder so no folder
 * grows past a few thousand entries. A put writes a temp file in the same folder, flushes it and
 * renames it into place, so a reader never sees half a file; the name is the sha of the bytes
 * written, so a crash leaves at worst a stray temp file, never a wrong blob.
 */
export function createFileBlobStore(dir: string): BlobStore {
  const pathOf = (sha: string) => {
    // A bad address is a bug in the caller (the routes check it first); never a path outside dir.
    if (!SHA256_PATTERN.test(sha)) throw new Error(`not a sha256: ${sha.slice(0, 80)}`);
    return join(dir, sha.slice(0, 2), sha.slice(2));
  };
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

  return {
    async put(bytes) {
      const sha = sha256Of(bytes);
      const path = pathOf(sha);
      if (await exists(path)) return sha;
      await mkdir(join(dir, sha.slice(0, 2)), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      return sha;
    },
    async get(sha) {
      try {
        return new Uint8Array(await readFile(pathOf(sha)));
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    has: async (sha) => exists(pathOf(sha)),
    async size(sha) {
      try {
        return (await stat(pathOf(sha))).size;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    close: async () => {},
  };

  async function exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }
}
