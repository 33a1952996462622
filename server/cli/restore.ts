import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { restorePostgres } from '../ops/pg-backup';
import { Refusal } from '../ops/refusal';
import { restoreSqlite } from '../ops/sqlite-backup';
import { headLine } from '../ops/verify-copy';
import { args, blobLine, databaseUrl, missingLine, run, size, sqliteFileOf } from './ops-cli';

/**
 * `npm run restore -- <backup> [--to file] [--force]` (D5): into an empty target only (a new SQLite
 * file, or DATABASE_URL's empty database), then verifies the audit chain there and prints the head.
 * The tablets are then ahead of the server; they recover by themselves (docs/sync.md "restore").
 */
const USAGE = `usage: npm run restore -- <backup> [--to <sqlite file>] [--force]
  SQLite backup: restores into --to (default DATA_DIR/floorboard.sqlite); --force replaces an existing file (refused while a server has it open)
  pg_dump archive: restores into DATABASE_URL, which must be an empty database`;
const { values, positionals } = args(USAGE, { to: { type: 'string' }, force: { type: 'boolean' } });

const magic = (file: string): string => {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(5);
    readSync(fd, b, 0, 5, 0);
    return b.toString('latin1');
  } finally {
    closeSync(fd);
  }
};

await run(async () => {
  const from = positionals[0];
  if (!from || positionals.length > 1) throw new Refusal(`give one backup to restore\n${USAGE}`);
  if (!existsSync(from)) throw new Refusal(`no backup at ${from}`);
  if (magic(from) === 'PGDMP') {
    const url = databaseUrl();
    if (!url) throw new Refusal('this is a pg_dump archive: set DATABASE_URL to the new, empty database to restore it into');
    const w = await restorePostgres(from, url);
    console.log(`restored ${w.file} (${size(w.bytes)}) into ${new URL(url).host}${new URL(url).pathname}; audit chain verified`);
    console.log(`it holds ${headLine(w)}`);
  } else {
    if (databaseUrl() && values.to === undefined)
      throw new Refusal('DATABASE_URL is set but this is not a pg_dump archive: unset it (or pass --to) to restore a SQLite backup');
    const w = await restoreSqlite(from, values.to ?? sqliteFileOf(), { force: values.force });
    console.log(`restored into ${w.file} (${size(w.bytes)}); integrity and audit chain verified`);
    console.log(`it holds ${headLine(w)}`);
    console.log(blobLine('into', w.blobs));
    if (w.blobs.missing.length > 0) {
      console.error(`WARNING: ${missingLine(w.blobs)}; tablets show those documents as not on the tablet until they are uploaded again.`);
      process.exitCode = 1;
    }
  }
  console.log('tablets that synced after this backup are ahead of it; they push again what the server lacks (docs/sync.md "restore")');
});
