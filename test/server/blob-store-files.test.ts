import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileBlobStore } from '../../server/blobs/files';
import { blobStoreContract } from './blob-contract';

blobStoreContract('files under DATA_DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-blobs-'));
  return { blobs: createFileBlobStore(dir), reopen: () => createFileBlobStore(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('[T2] the file blob store', () => {
  it('lays blobs out as ab/cdef… and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-blobs-'));
    try {
      const blobs = createFileBlobStore(dir);
      const address = await blobs.put(new TextEncoder().encode('hello'));
      expect(readdirSync(dir)).toEqual([address.slice(0, 2)]);
      expect(readdirSync(join(dir, address.slice(0, 2)))).toEqual([address.slice(2)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
