import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findPgTool, toolMajor } from '../../server/ops/pg-tools';
import { freePort } from '../support/ports';

/** A PostgreSQL server of the installed client tools' major version; `url` is its maintenance database. */
export interface LocalPostgres {
  url: string;
  bin: string;
  major: number;
  stop(): void;
}

/**
 * pg_dump refuses a server newer than itself, and the test run's embedded PostgreSQL is 18: the
 * backup round trip runs against a server of the same major as the pg_dump installed here (the
 * distribution's, as a plant would have), started from its own binaries beside that pg_dump.
 */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const dump = findPgTool('pg_dump');
  if (!dump) throw new Error('the PostgreSQL backup test needs pg_dump on PATH (apt-get install postgresql-client)');
  const major = toolMajor(dump);
  const bin = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(join(bin, 'postgres')))
    throw new Error(`the PostgreSQL backup test needs PostgreSQL ${major}'s server in ${bin} (apt-get install postgresql-${major})`);
  const base = mkdtempSync(join(tmpdir(), 'fb-pg-local-'));
  chmodSync(base, 0o777);
  const data = join(base, 'data');
  // PostgreSQL refuses to run as root.
  const asPostgres =
    userInfo().uid === 0
      ? (cmd: string, args: string[]) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const
      : (cmd: string, args: string[]) => [cmd, args] as const;
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPostgres(cmd, args);
    const r = spawnSync(c, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8']);
  const port = await freePort();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(base, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    bin,
    major,
    stop() {
      try {
        const [c, a] = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
        execFileSync(c, a, { stdio: 'ignore' });
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
