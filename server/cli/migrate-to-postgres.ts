import { moveToPostgres } from '../ops/move';
import { Refusal } from '../ops/refusal';
import { headLine } from '../ops/verify-copy';
import { args, databaseUrl, run, sqliteFileOf } from './ops-cli';

/**
 * `npm run migrate-to-postgres -- [--from DATA_DIR] --to postgres://…` (D5): moves a stopped SQLite
 * plant into an empty PostgreSQL database, then verifies the chain there and the counts and heads.
 */
const USAGE = 'usage: npm run migrate-to-postgres -- [--from <DATA_DIR>] --to postgres://user@host/db   (stop the server first)';
const { values, positionals } = args(USAGE, { from: { type: 'string' }, to: { type: 'string' } });

await run(async () => {
  const url = values.to ?? databaseUrl();
  if (!url || positionals.length > 0) throw new Refusal(`give the target database with --to\n${USAGE}`);
  const protocol = new URL(url).protocol;
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new Refusal(`--to must be a postgres:// URL, got ${protocol}`);
  const file = sqliteFileOf(values.from);
  console.log(`moving ${file} into ${new URL(url).host}${new URL(url).pathname}`);
  const moved = await moveToPostgres(file, url, (line) => console.log(line));
  console.log(`OK: audit chain verified on PostgreSQL; counts and heads match SQLite`);
  console.log(`it holds ${headLine(moved.target)}`);
  console.log('next: set DATABASE_URL to it and start the servers; keep the SQLite file as the last backup of the old plant');
});
