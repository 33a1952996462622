import { sql, type Kysely } from 'kysely';
import { canonicalJson, GENESIS_HASH, hashCanonical } from '../../../audit/chain';
import { stateReplay } from '../../../audit/state';
import { SYSTEM_BATCH, systemBody } from '../../../audit/system';

/**
 * A4: the chain table refuses UPDATE as it already refused DELETE (001), so an edit made through
 * SQL by mistake (a DB browser, a repair script) fails instead of silently breaking a link. It is
 * a guard, not a lock: whoever holds the file can drop the triggers; the chain, the published head
 * and the state verify are what detect that (docs/audit.md). Any later migration that must rewrite
 * audit rows drops this trigger and creates it again in the same transaction.
 *
 * Since this version every synced record is written through the chain (mutations, and `system`
 * links for the seed and the first coordinator), and verify rebuilds the records from it. Records
 * a database holds from before (its seed, its first coordinator) are adopted here by baseline
 * `system` links (`adoptRecords`) whose before-images are what the chain said and after-images
 * what the store held, so the verify starts from the state at upgrade and the adoption is itself
 * on the record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`.execute(db);
  await adoptUnchainedRecords(db);
}

type Link = { seq: number; hash: string; entry: string };
type Rec = { entity: string; id: string; version: number; deleted: number; value: string };

async function adoptUnchainedRecords(db: Kysely<any>): Promise<void> {
  const replay = stateReplay();
  let last: Link | undefined;
  for (let after = 0; ; ) {
    const { rows } = await sql<Link>`SELECT seq, hash, entry FROM audit WHERE seq > ${after} ORDER BY seq LIMIT 2000`.execute(db);
    if (rows.length === 0) break;
    for (const r of rows) {
      // A link that does not parse is the chain walk's finding; the upgrade must still run.
      const entry = parseOrUndefined(r.entry);
      if (entry) replay.apply(entry);
    }
    last = rows[rows.length - 1];
    after = last!.seq;
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const stored = new Set<string>();
  const { rows } = await sql<Rec>`SELECT entity, id, version, deleted, value FROM records WHERE entity <> 'audit' ORDER BY entity, id`.execute(db);
  for (const r of rows) {
    if (r.deleted === 1) continue;
    const key = `${r.entity}/${r.id}`;
    stored.add(key);
    const value = parseOrUndefined(r.value);
    if (!value) continue;
    const want = replay.image(key);
    if (want && want.version === r.version && want.value === canonicalJson(value)) continue;
    before[key] = want ? JSON.parse(want.value) : null;
    after[key] = value;
  }
  for (const key of replay.keys()) {
    if (!stored.has(key)) {
      before[key] = JSON.parse(replay.image(key)!.value);
      after[key] = null;
    }
  }
  const keys = Object.keys(after);
  if (keys.length === 0) return;
  const now = new Date().toISOString();
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  for (let i = 0; i < keys.length; i += SYSTEM_BATCH) {
    const batch = keys.slice(i, i + SYSTEM_BATCH);
    seq += 1;
    const pick = (images: Record<string, unknown>) => Object.fromEntries(batch.map((k) => [k, images[k]]));
    const body = { ...systemBody(seq, 'adoptRecords', batch.length, pick(before), pick(after), now), seq, prevHash: prev };
    const entry = canonicalJson(body);
    const hash = hashCanonical(prev, entry);
    await sql`INSERT INTO audit (seq, prev_hash, hash, entry, id, version, updated_at) VALUES (${seq}, ${prev}, ${hash}, ${entry}, ${body.id}, 0, ${now})`.execute(
      db,
    );
    prev = hash;
  }
}

function parseOrUndefined(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
