import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../server/store/sqlite';
import { storeContract } from './store-contract';

let dir = '';
storeContract('sqlite', {
  async create() {
    dir = mkdtempSync(join(tmpdir(), 'fb-store-'));
    return createSqliteStore({ file: join(dir, 'store.sqlite') });
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});

describe('sqlite store', () => {
  it('runs numbered migrations once, in WAL mode', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fb-store-'));
    const file = join(d, 'store.sqlite');
    try {
      await (await createSqliteStore({ file })).close();
      await (await createSqliteStore({ file })).close();
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT id, name FROM migrations').all()).toEqual([
        { id: 1, name: '001-initial' },
        { id: 2, name: '002-ordered-indexes' },
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
