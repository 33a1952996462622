import type { BlobCopy } from '../ops/sqlite-backup';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Refusal } from '../ops/refusal';

/** DATA_DIR's SQLite file, as the server opens it (server/store/open.ts). */
export const sqliteFileOf = (dataDir = process.env.DATA_DIR || './data'): string => join(dataDir, 'floorboard.sqlite');

/** A postgres:// URL, or undefined for SQLite. */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url ? url : undefined;
}

/** Parsed arguments, or the usage and exit 2. */
export function args<T extends ParseArgsConfig['options']>(usage: string, options: T) {
  try {
    return parseArgs({ allowPositionals: true, options });
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

/** Runs an operation: a refusal is its words and exit 2; anything else is a bug and its stack. */
export async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Refusal) {
      console.error(`refused: ${err.message}`);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  }
}

/** Bytes for people. */
export const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/** "copied 12 document files with it, into plant.sqlite.blobs": where a SQLite backup's documents went. */
export const blobLine = (how: 'with' | 'into', b: BlobCopy): string =>
  how === 'with' ? `copied ${b.copied} document files with it, into ${b.dir}` : `copied ${b.copied} document files into ${b.dir}`;
/** "2 document files are missing: 3f0a…, 9b1c…". */
export const missingLine = (b: BlobCopy): string =>
  `${b.missing.length} document file${b.missing.length === 1 ? ' is' : 's are'} missing: ${b.missing.map((s) => `${s.slice(0, 12)}…`).join(', ')}`;
