import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { Refusal } from './refusal';

export type PgTool = 'pg_dump' | 'pg_restore';

/** A client tool and its major version. */
export interface FoundTool {
  path: string;
  major: number;
}

/**
 * Where to take `tool` from: `PG_DUMP` / `PG_RESTORE` (a plant points them at its own
 * installation), else beside the other one of them, else PATH. The tablet server ships none.
 */
export function findPgTool(tool: PgTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[tool.toUpperCase()];
  if (own) return own;
  const other = env[tool === 'pg_dump' ? 'PG_RESTORE' : 'PG_DUMP'];
  if (other && existsSync(join(dirname(other), tool))) return join(dirname(other), tool);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

/** The major version `path --version` reports (`pg_dump (PostgreSQL) 18.4` → 18). */
export function toolMajor(path: string): number {
  const out = execFileSync(path, ['--version'], { encoding: 'utf8' });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
  if (!m) throw new Refusal(`${path} --version says "${out.trim()}", not a PostgreSQL tool`);
  return Number(m[1]);
}

/** The major version of the server at `url`. */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10000);
  } finally {
    await client.end();
  }
}

/**
 * The tool for the server at `url`, of the server's major version: an older pg_dump refuses a newer
 * server, and a dump restored by another major is a migration, not a restore.
 */
export async function matchingPgTool(tool: PgTool, url: string, env: NodeJS.ProcessEnv = process.env): Promise<FoundTool> {
  const major = await serverMajor(url);
  const path = findPgTool(tool, env);
  const hint = `set ${tool.toUpperCase()} to the ${tool} of PostgreSQL ${major} (e.g. /usr/lib/postgresql/${major}/bin/${tool})`;
  if (!path) throw new Refusal(`no ${tool} found on PATH: ${hint}`);
  const found = toolMajor(path);
  if (found !== major) throw new Refusal(`${path} is PostgreSQL ${found}, the server is PostgreSQL ${major}: ${hint}`);
  return { path, major };
}

/** Runs a tool; its stderr becomes the refusal's words when it fails. */
export function runTool(path: string, args: string[]): void {
  try {
    execFileSync(path, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Refusal(`${path} failed: ${(e.stderr || e.message).trim()}`);
  }
}
