import { backupPostgres } from '../ops/pg-backup';
import { Refusal } from '../ops/refusal';
import { backupSqlite } from '../ops/sqlite-backup';
import { failureOf, headLine } from '../ops/verify-copy';
import { args, blobLine, databaseUrl, missingLine, run, size, sqliteFileOf } from './ops-cli';

/**
 * `npm run backup -- <target>` (D5): an online backup while the server runs. SQLite (DATA_DIR):
 * SQLite's backup API into a new file, checked (integrity, audit chain) before it gets its name.
 * PostgreSQL (DATABASE_URL): pg_dump in custom format, of the server's major version.
 */
const USAGE = "usage: npm run backup -- <new backup file>   (DATA_DIR's SQLite file, or DATABASE_URL's database)";
const { positionals } = args(USAGE, {});

await run(async () => {
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new Refusal(`give one new file to write\n${USAGE}`);
  const url = databaseUrl();
  if (url) {
    const w = await backupPostgres(url, target);
    console.log(`wrote ${w.file} (${size(w.bytes)}, pg_dump custom format)`);
    console.log(`it holds audit head ${w.head.seq}:${w.head.hash}, change sequence ${w.version}, ${w.records} records`);
  } else {
    const w = await backupSqlite(sqliteFileOf(), target);
    console.log(`wrote ${w.file} (${size(w.bytes)}); integrity and audit chain checked on the copy`);
    console.log(`it holds ${headLine(w)}`);
    console.log(blobLine('with', w.blobs));
    if (w.blobs.missing.length > 0) {
      console.error(`WARNING: ${missingLine(w.blobs)}; the server lacks them too: upload those documents again in the console (Travelers).`);
      process.exitCode = 1;
    }
    if (!w.report.ok) {
      console.error(
        `WARNING: on the copy, ${failureOf(w.report)}. The server's database has the same finding: keep this backup as evidence and run npm run audit:verify (docs/audit.md).`,
      );
      process.exitCode = 1;
    }
  }
});
