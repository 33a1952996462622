/**
 * Where the documents' files live (T2): content-addressed by the lower-case hex sha256 of their
 * bytes, written once and never changed. Files under DATA_DIR for one instance, or the database
 * for several (DESIGN §13); every implementation passes test/server/blob-contract.ts.
 */
export interface BlobStore {
  /** Stores the bytes (a no-op when they are stored already) and returns their sha256. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or null when no blob has that sha256. */
  get(sha256: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(sha256: string): Promise<boolean>;
  /** The blob's size in bytes, or null when there is none. */
  size(sha256: string): Promise<number | null>;
  close(): Promise<void>;
}

/** A blob's address: 64 lower-case hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
