import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Document } from '../../shared/schema';
import { createFileBlobStore } from '../blobs/files';
import { createSqliteStore } from '../store/sqlite';
import { Refusal } from './refusal';
import { failureOf, verifyCopy, type CopyFacts } from './verify-copy';

/** What a backup or restore wrote. */
export interface Written extends CopyFacts {
  file: string;
  bytes: number;
}

/** What a SQLite backup or restore wrote: the file, and the document files (blobs) copied with it. */
export interface WrittenWithBlobs extends Written {
  blobs: BlobCopy;
}

/** Document files copied, and the sha256 of those the source lacked. (PostgreSQL keeps them in its `blobs` table, so pg_dump has them.) */
export interface BlobCopy {
  dir: string;
  copied: number;
  missing: string[];
}

/** The server's document files beside its SQLite file: DATA_DIR/blobs (server/store/open.ts). */
export const blobDirOf = (sqliteFile: string): string => join(dirname(sqliteFile), 'blobs');
/** A backup's document files: a folder beside the backup file, named after it. */
export const backupBlobDirOf = (backupFile: string): string => `${backupFile}.blobs`;

/**
 * Copies every blob a live document of the database `file` names from `fromDir` into `toDir`
 * (the same layout). Each is read and put again, so a file is hashed on the way: one whose bytes
 * no longer match its name (a damaged disk) counts as missing, like one that is not there.
 */
async function copyBlobs(file: string, fromDir: string, toDir: string): Promise<BlobCopy> {
  const store = await createSqliteStore({ file });
  const shas = new Set<string>();
  try {
    for (const row of await store.listRecords('documents')) if (!row.deleted) shas.add((JSON.parse(row.value) as Document).sha256);
  } finally {
    await store.close();
  }
  const from = createFileBlobStore(fromDir);
  const to = createFileBlobStore(toDir);
  const out: BlobCopy = { dir: toDir, copied: 0, missing: [] };
  try {
    for (const sha of [...shas].sort()) {
      const bytes = existsSync(fromDir) ? await from.get(sha) : null;
      if (!bytes || (await to.put(bytes)) !== sha) out.missing.push(sha);
      else out.copied++;
    }
  } finally {
    await from.close();
    await to.close();
  }
  return out;
}

/** Whether `file` starts with SQLite's header. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies `from` into `to` with SQLite's online backup API, from a connection of its own. All
 * pages go in one step: a step is a read transaction, which in WAL mode never blocks the server's
 * writer, whereas a write by the server between two steps would restart a stepwise copy (and a
 * busy plant might keep restarting it).
 */
async function copyOnline(from: string, to: string): Promise<void> {
  const src = new Database(from, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    await src.backup(to, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/**
 * PRAGMA integrity_check (a failure is refused), then the audit chain and the records it explains,
 * on `file`; a chain finding is refused only when `chain` says so.
 */
async function checkFile(file: string, chain: 'refuse' | 'report'): Promise<CopyFacts> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
      throw new Refusal(`${file} fails SQLite's integrity check: ${rows.map((r) => r.integrity_check).join('; ')}`);
    }
  } finally {
    db.close();
  }
  const store = await createSqliteStore({ file });
  try {
    const facts = await verifyCopy(store);
    if (!facts.report.ok && chain === 'refuse') throw new Refusal(`${file}: ${failureOf(facts.report)}`);
    return facts;
  } finally {
    await store.close();
  }
}

/**
 * An online backup of the SQLite file `source` into the new file `target`, checked before it is
 * named so. A copy that fails the integrity check is not kept; one whose audit chain has findings
 * is (it is what the plant has, and evidence), and `report` carries them for the caller to say.
 */
export async function backupSqlite(source: string, target: string): Promise<WrittenWithBlobs> {
  if (!existsSync(source)) throw new Refusal(`no database at ${source}: set DATA_DIR to the server's data directory`);
  if (existsSync(target)) throw new Refusal(`${target} exists; a backup never overwrites one: give a new name`);
  if (existsSync(backupBlobDirOf(target))) throw new Refusal(`${backupBlobDirOf(target)} exists; a backup never overwrites one: give a new name`);
  if (!existsSync(dirname(target))) throw new Refusal(`there is no directory ${dirname(target)} to write ${target} into`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await copyOnline(source, partial);
    const facts = await checkFile(partial, 'report');
    // The documents' files go with the database, those its copy names: a blob is never changed
    // or deleted once written, so the copy's records find theirs even while the server runs.
    const blobs = await copyBlobs(partial, blobDirOf(source), backupBlobDirOf(target));
    renameSync(partial, target);
    return { ...facts, file: target, bytes: statSync(target).size, blobs };
  } finally {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * Refuses when another process has the SQLite file `file` open, as a running server does. Leaving
 * WAL mode needs the only connection to the file, so `journal_mode = DELETE` answers SQLITE_BUSY
 * while anyone else holds it; when it succeeds nothing is harmed, since the file is replaced next.
 */
function assertNotInUse(file: string): void {
  if (!existsSync(file)) return;
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch {
    return; // not a database SQLite can open: nothing can be serving it
  }
  try {
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Refusal(`${file} is open in another program (a running Floorboard server?): stop it, then restore`);
    }
    if (!(err as { code?: string }).code?.startsWith('SQLITE_')) throw err;
  } finally {
    db.close();
  }
}

/**
 * Restores the backup `from` as the server's file `target` (the server stopped). Refuses an existing
 * target unless `force`; then its `-wal` and `-shm` go too, since SQLite would replay a stale WAL
 * onto the restored pages. A target some process has open (a server still running) is refused
 * even with `force`, before the copy and again right before the replacement.
 */
export async function restoreSqlite(from: string, target: string, opts: { force?: boolean } = {}): Promise<WrittenWithBlobs> {
  if (!existsSync(from)) throw new Refusal(`no backup at ${from}`);
  if (!isSqliteFile(from)) throw new Refusal(`${from} is not a SQLite backup (for a pg_dump archive, set DATABASE_URL to the empty target)`);
  if (existsSync(target) && !opts.force) {
    throw new Refusal(`${target} exists: restore only into a new file, or stop the server and pass --force to replace it`);
  }
  if (!existsSync(dirname(target))) throw new Refusal(`there is no directory ${dirname(target)} to restore ${target} into`);
  assertNotInUse(target);
  const partial = `${target}.restoring`;
  rmSync(partial, { force: true });
  try {
    await copyOnline(from, partial);
    const facts = await checkFile(partial, 'refuse');
    assertNotInUse(target);
    // The backup's document files into the target's DATA_DIR/blobs; those there already stay.
    const blobs = await copyBlobs(partial, backupBlobDirOf(from), blobDirOf(target));
    for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
    renameSync(partial, target);
    return { ...facts, file: target, bytes: statSync(target).size, blobs };
  } finally {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  }
}
