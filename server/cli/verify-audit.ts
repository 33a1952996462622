import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseHead } from '../audit/head';
import { verifyAudit, verifyExport, type AuditReport } from '../audit/verify';
import { createPostgresStore } from '../store/postgres';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';

/**
 * `npm run audit:verify [-- db-file] [--head seq:hash] [--file export.jsonl]` (A4, X5, docs/audit.md),
 * on DATA_DIR's SQLite file, a given one, or DATABASE_URL's PostgreSQL database:
 * walks the chain, holds it to a published head, rebuilds the records from it and compares them
 * with the store (or, with --file, checks an export without the server). Exits 1 on any finding,
 * 2 when it cannot run.
 */
const usage = (message: string): never => {
  console.error(`${message}\nusage: npm run audit:verify -- [db-file] [--head seq:hash] [--file export.jsonl]`);
  process.exit(2);
};

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { head: { type: 'string' }, file: { type: 'string' } } });
}
try {
  args = parse();
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = args!;
const head = values.head === undefined ? undefined : (parseHead(values.head) ?? usage(`--head must be seq:hash, got ${values.head}`));

let report: AuditReport;
if (values.file !== undefined) {
  if (positionals.length > 0) usage('give either a database file or --file, not both');
  if (!existsSync(values.file)) usage(`no export at ${values.file}`);
  const lines = createInterface({ input: createReadStream(values.file, 'utf8'), crlfDelay: Infinity });
  report = await verifyExport(lines, { head });
} else {
  let store: Store;
  if (positionals.length === 0 && process.env.DATABASE_URL) {
    store = await createPostgresStore({ url: process.env.DATABASE_URL });
  } else {
    const file = positionals[0] ?? join(process.env.DATA_DIR || './data', 'floorboard.sqlite');
    if (!existsSync(file)) usage(`no database at ${file}`);
    store = await createSqliteStore({ file });
  }
  try {
    report = await verifyAudit(store, { head });
  } finally {
    await store.close();
  }
}
for (const line of describe(report)) console.log(line);
if (!report.ok) process.exitCode = 1;

/** The report as lines: the chain, the head to publish, the head checks, the state. */
function describe(r: AuditReport): string[] {
  const out: string[] = [];
  out.push(
    r.brokenAt !== undefined || r.reason
      ? `BROKEN${r.brokenAt !== undefined ? ` at seq ${r.brokenAt}` : ''}: ${r.reason} (${r.entries} entries verified before it)`
      : `OK: ${r.entries} audit entries, chain intact`,
  );
  out.push(`head: ${r.head.seq}:${r.head.hash}${r.head.at ? ` at ${r.head.at}` : ''}`);
  for (const [what, check] of [
    ['export header', r.exportCheck],
    ['published head', r.headCheck],
  ] as const) {
    if (!check) continue;
    const at = `${check.expected.seq}:${check.expected.hash}`;
    out.push(check.ok ? `OK: the chain holds the ${what} ${at}` : `${check.problem.toUpperCase()}: ${what} ${at}: ${check.reason}`);
  }
  const s = r.state;
  if (s.ok)
    out.push(
      values.file !== undefined
        ? `OK: ${s.records} records replayed, every before-image matches`
        : `OK: ${s.records} records rebuilt from the chain match the store`,
    );
  else {
    out.push(`STATE: ${s.findings.length + s.more} records differ from what the chain explains`);
    for (const f of s.findings) out.push(`  ${f.entity}/${f.id}: ${f.problem}${f.seq !== undefined ? ` (before seq ${f.seq})` : ''}`);
    if (s.more) out.push(`  … and ${s.more} more`);
  }
  return out;
}
