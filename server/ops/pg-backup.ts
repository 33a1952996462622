import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import pg from 'pg';
import { createPostgresStore } from '../store/postgres';
import { matchingPgTool, runTool } from './pg-tools';
import { Refusal } from './refusal';
import type { Written } from './sqlite-backup';
import { failureOf, verifyCopy } from './verify-copy';

/** What a PostgreSQL backup wrote; the head is read in the very snapshot pg_dump copied. */
export interface DumpWritten {
  file: string;
  bytes: number;
  head: { seq: number; hash: string };
  version: number;
  records: number;
}

/**
 * `pg_dump --format=custom` of `url` into the new file `target`. The dump runs on a snapshot
 * exported by a transaction of ours, so the head reported is the head the archive holds, while
 * the servers keep writing.
 */
export async function backupPostgres(url: string, target: string): Promise<DumpWritten> {
  if (existsSync(target)) throw new Refusal(`${target} exists; a backup never overwrites one: give a new name`);
  const dump = await matchingPgTool('pg_dump', url);
  const restore = await matchingPgTool('pg_restore', url);
  const partial = `${target}.partial`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    const last = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')).rows[0];
    const version = Number((await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'head'")).rows[0]?.value ?? 0);
    // Counted as the store counts them (countRecords): rows of records, and the links that are synced `audit` records.
    const records = Number(
      (await client.query<{ n: string }>('SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM audit WHERE version > 0) AS n')).rows[0]!.n,
    );
    rmSync(partial, { force: true });
    runTool(dump.path, ['--format=custom', `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${url}`]);
    await client.query('COMMIT');
    // The archive must read back: its table of contents lists the chain.
    runTool(restore.path, ['--list', partial]);
    renameSync(partial, target);
    const head = last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: '0'.repeat(64) };
    return { file: target, bytes: statSync(target).size, head, version, records };
  } finally {
    rmSync(partial, { force: true });
    await client.end();
  }
}

/** Whether the database at `url` has no tables of its own (PostgreSQL's catalogues aside). */
export async function isEmptyDatabase(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'",
    );
    return Number(rows[0]!.n) === 0;
  } finally {
    await client.end();
  }
}

/** Restores the archive `from` into the empty database `url`, in one transaction, and verifies the chain there. */
export async function restorePostgres(from: string, url: string): Promise<Omit<Written, 'file'> & { file: string }> {
  if (!existsSync(from)) throw new Refusal(`no backup at ${from}`);
  if (!(await isEmptyDatabase(url))) {
    throw new Refusal('the target database is not empty: restore only into a new, empty database (CREATE DATABASE …), never over a live one');
  }
  const tool = await matchingPgTool('pg_restore', url);
  runTool(tool.path, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${url}`, from]);
  const store = await createPostgresStore({ url });
  try {
    const facts = await verifyCopy(store);
    if (!facts.report.ok) throw new Refusal(`restored, but ${failureOf(facts.report)}`);
    return { ...facts, file: from, bytes: statSync(from).size };
  } finally {
    await store.close();
  }
}
