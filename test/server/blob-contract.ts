import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../server/blobs/types';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The BlobStore contract (T2, STYLE 6): every implementation runs it, one rule a test. */
export function blobStoreContract(name: string, make: () => Promise<{ blobs: BlobStore; reopen: () => BlobStore; cleanup: () => Promise<void> }>) {
  describe(`[T2] blob store contract: ${name}`, () => {
    let blobs: BlobStore;
    let reopen: () => BlobStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ blobs, reopen, cleanup } = await make());
    });
    afterEach(async () => {
      await blobs.close();
      await cleanup();
    });

    it('put returns the lower-case hex sha256 of the bytes, and get returns the same bytes', async () => {
      const bytes = new TextEncoder().encode('# Work instruction\n\nTorque to 12 Nm.\n');
      const address = await blobs.put(bytes);
      expect(address).toBe(sha(bytes));
      expect(await blobs.get(address)).toEqual(bytes);
    });

    it('has and size know a stored blob, and not an absent one', async () => {
      const bytes = new Uint8Array(3000).map((_, i) => i % 251);
      const address = await blobs.put(bytes);
      expect([await blobs.has(address), await blobs.size(address)]).toEqual([true, 3000]);
      const absent = sha(new Uint8Array([1]));
      expect([await blobs.has(absent), await blobs.size(absent), await blobs.get(absent)]).toEqual([false, null, null]);
    });

    it('putting the same bytes twice stores one blob and answers the same address', async () => {
      const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
      expect(await blobs.put(bytes)).toBe(await blobs.put(bytes));
      expect(await blobs.get(sha(bytes))).toEqual(bytes);
    });

    it('a blob outlives the instance that stored it', async () => {
      const bytes = new TextEncoder().encode('kept');
      const address = await blobs.put(bytes);
      const again = reopen();
      try {
        expect(await again.get(address)).toEqual(bytes);
      } finally {
        await again.close();
      }
    });

    it('a large blob round-trips byte for byte', async () => {
      const bytes = new Uint8Array(6 * 1024 * 1024).map((_, i) => (i * 31) & 0xff);
      const address = await blobs.put(bytes);
      expect(await blobs.size(address)).toBe(bytes.byteLength);
      expect(sha((await blobs.get(address))!)).toBe(address);
    });

    it('refuses an address that is not a sha256 rather than reading anything else', async () => {
      await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/not a sha256/);
      await expect(blobs.has('A'.repeat(64))).rejects.toThrow(/not a sha256/);
    });
  });
}
