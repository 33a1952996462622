import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  it('checkpoints the WAL from a worker thread when asked to; commits stay where they were', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fb-store-'));
    const file = join(d, 'store.sqlite');
    try {
      const store = await createSqliteStore({ file, backgroundCheckpoint: true });
      for (let i = 1; i <= 50; i++) {
        await store.transaction(async (tx) => {
          const v = await tx.nextVersion();
          await tx.putRecords([{ entity: 'stations', id: `st-${i}`, version: v, updatedAt: 'x', deleted: false, scopes: ['*'], ref: null, value: '{}' }]);
        });
      }
      await new Promise((r) => setTimeout(r, 400));
      // The worker's PASSIVE checkpoint has copied the WAL into the file while the store was open:
      // the main file itself (not only its -wal) already holds the last record written.
      expect(readFileSync(file).includes('st-50')).toBe(true);
      expect(await store.head()).toBe(50);
      await store.close();
      const again = await createSqliteStore({ file });
      expect(await again.countRecords('stations')).toBe(50);
      await again.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('[A1] a device revoked through another connection to the file is refused at the next lookup', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fb-store-'));
    const file = join(d, 'store.sqlite');
    try {
      const store = await createSqliteStore({ file });
      await store.transaction((tx) =>
        tx.insertDevice({ id: 'd1', name: 'Mill', stationIds: ['st-1'], tokenHash: 'th', revoked: false, enrolledAt: 'x', createdAt: 'x' }),
      );
      expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(false);
      const other = new Database(file);
      other.prepare('UPDATE devices SET revoked = 1 WHERE id = ?').run('d1');
      other.close();
      expect((await store.getDeviceByTokenHash('th'))?.revoked).toBe(true);
      await store.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

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

  it('byRef and pull are served by indexes, never by walking a whole entity', async () => {
    const d = mkdtempSync(join(tmpdir(), 'fb-store-'));
    const file = join(d, 'store.sqlite');
    try {
      await (await createSqliteStore({ file })).close();
      const db = new Database(file, { readonly: true });
      const plan = (sql: string, ...args: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan('SELECT value FROM records WHERE entity = ? AND ref = ? ORDER BY id', 'holds', 'wo-1')).toMatch(
        /records_ref \(entity=\? AND ref=\?\)/,
      );
      const pull = plan('SELECT value FROM records WHERE version > ? AND version <= ? ORDER BY version, entity, id LIMIT 10', 0, 9);
      expect(pull).toMatch(/records_version/);
      expect(pull).not.toMatch(/TEMP B-TREE/);
      db.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
