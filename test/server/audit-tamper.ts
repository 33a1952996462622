import Database from 'better-sqlite3';
import { canonicalJson, chainHash, GENESIS_HASH } from '../../server/audit/chain';

/**
 * Opens a second connection to the store's real file, as someone holding the file would, drops
 * the append-only triggers (as such a person can), runs `fn`, and closes it.
 */
export function tamper<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    return fn(db);
  } finally {
    db.close();
  }
}

/** Edits a link's entry with `edit`, then re-hashes it and every later link: a rewrite that the chain alone cannot see. */
export function rewriteChain(db: Database.Database, seq: number, edit: (entry: Record<string, unknown>) => void): void {
  const rows = db.prepare('SELECT seq, entry FROM audit WHERE seq >= ? ORDER BY seq').all(seq) as { seq: number; entry: string }[];
  let prev =
    seq === 1
      ? GENESIS_HASH
      : (db
          .prepare('SELECT hash FROM audit WHERE seq = ?')
          .pluck()
          .get(seq - 1) as string);
  const update = db.prepare('UPDATE audit SET prev_hash = ?, hash = ?, entry = ? WHERE seq = ?');
  for (const row of rows) {
    const entry = JSON.parse(row.entry) as Record<string, unknown>;
    if (row.seq === seq) edit(entry);
    entry.prevHash = prev;
    const hash = chainHash(prev, entry);
    update.run(prev, hash, canonicalJson(entry), row.seq);
    prev = hash;
  }
}
