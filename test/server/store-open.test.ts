import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../server/store/open';
import { createTestDatabase } from '../support/postgres';

describe('openStore (DATABASE_URL / DATA_DIR)', () => {
  it('opens SQLite under DATA_DIR when DATABASE_URL is unset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-open-'));
    try {
      const { store, where, leases, close } = await openStore({ dataDir: join(dir, 'data') });
      // One instance: the jobs need no lease.
      expect(leases).toBeUndefined();
      await store.transaction((tx) => tx.nextVersion());
      await close();
      expect(where).toContain('SQLite');
      expect(existsSync(join(dir, 'data', 'floorboard.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens (and migrates) PostgreSQL when DATABASE_URL is a postgres:// URL, pokes through it, and writes nothing under DATA_DIR', async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    const dir = mkdtempSync(join(tmpdir(), 'fb-open-'));
    try {
      const opened = await openStore({ databaseUrl: database.url, dataDir: join(dir, 'data') });
      const other = await openStore({ databaseUrl: database.url, dataDir: join(dir, 'data') });
      expect(opened.where).toContain('PostgreSQL');
      expect(await opened.store.transaction((tx) => tx.nextVersion())).toBe(1);
      // Pokes fan out to the other instance (LISTEN/NOTIFY), not only in process.
      const heard = new Promise((resolve) => other.pokes.subscribe(resolve));
      opened.pokes.publish({ cursor: 1, scopes: ['*'] });
      expect(await heard).toEqual({ cursor: 1, scopes: ['*'] });
      // The jobs' leases are across instances too, and close() gives them up.
      const [mine, theirs] = [opened.leases!.lease('retention'), other.leases!.lease('retention')];
      expect(await mine.hold()).toBe(true);
      expect(await theirs.hold()).toBe(false);
      await opened.close();
      const deadline = Date.now() + 10_000;
      while (!(await theirs.hold()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await theirs.hold()).toBe(true);
      await other.close();
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, instead of silently using SQLite', async () => {
    await expect(openStore({ databaseUrl: 'mysql://localhost/x', dataDir: '/nonexistent' })).rejects.toThrow(/postgres:\/\//);
  });
});
