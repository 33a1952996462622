import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAudit } from '../../server/audit/verify';
import { createApp } from '../../server/app';
import { createPostgresStore } from '../../server/store/postgres';
import { createPokes } from '../../server/sync/pokes';
import { createTestDatabase } from '../support/postgres';
import { fakeClock, makeHarness } from '../server/harness';
import { pushLoad, runCli } from './cli';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';

describe('npm run backup / restore on PostgreSQL (D5)', () => {
  let local: LocalPostgres;
  let out: string;
  beforeAll(async () => {
    local = await startLocalPostgres();
    out = mkdtempSync(join(tmpdir(), 'fb-pgbackup-'));
  });
  afterAll(() => {
    local?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('[D5] pg_dump while pushes are applied; the restore into an empty database holds every acknowledged record and its chain verifies', async () => {
    const source = await createTestDatabase(local.url);
    const h = await makeHarness({ store: 'postgres', databaseUrl: source.url });
    const target = await createTestDatabase(local.url);
    try {
      const { token } = await h.enroll(['st-mill-1']);
      const load = pushLoad(h, token, ['client-a', 'client-b']);
      while (load.acked.length < 10) await new Promise((r) => setTimeout(r, 10));
      const ackedBefore = [...load.acked];
      const backup = join(out, 'plant.dump');
      const running = runCli('backup', [backup], { DATABASE_URL: source.url });
      const during = load.acked.length;
      const b = await running;
      const ackedDuring = load.acked.length - during;
      await load.stop();
      expect(b.out).toMatch(/wrote .*plant\.dump \(.*pg_dump custom format\)\n.*audit head (\d+):([0-9a-f]{64})/);
      expect(b.code).toBe(0);
      expect(ackedDuring).toBeGreaterThan(0);
      const heldHead = /audit head (\d+:[0-9a-f]{64})/.exec(b.out)![1]!;
      const held = /change sequence \d+, \d+ records/.exec(b.out)![0];

      const r = await runCli('restore', [backup], { DATABASE_URL: target.url });
      expect(r.out).toContain(`audit head ${heldHead}`);
      expect(r.out).toContain(held);
      expect(r.code).toBe(0);
      const store = await createPostgresStore({ url: target.url });
      try {
        expect((await verifyAudit(store)).ok).toBe(true);
        for (const a of ackedBefore) {
          expect(await store.getRecord('notes', a.noteId), a.noteId).toBeDefined();
          expect(await store.getRecord('audit', `${a.client}:${a.id}`)).toBeDefined();
        }
        const app = createApp({ store, clock: fakeClock(), pokes: createPokes(), config: { staticDir: join(out, 'dist') } });
        const pull = await app.request('/api/sync/pull?clientId=client-a&cursor=0', { headers: { authorization: `Bearer ${token}` } });
        expect(pull.status).toBe(200);
      } finally {
        await store.close();
      }

      const again = await runCli('restore', [backup], { DATABASE_URL: target.url });
      expect(again.code).toBe(2);
      expect(again.out).toContain('the target database is not empty');
    } finally {
      await h.close();
      await source.drop();
      await target.drop();
    }
  });

  it('[D5] a pg_dump of another major than the server is refused in words', async () => {
    // The test run's embedded server is PostgreSQL 18; the pg_dump here is the distribution's.
    const db = await createTestDatabase(inject('postgresUrl'));
    try {
      const r = await runCli('backup', [join(out, 'never.dump')], { DATABASE_URL: db.url, PG_DUMP: join(local.bin, 'pg_dump') });
      expect(r.code).toBe(2);
      expect(r.out).toContain(`is PostgreSQL ${local.major}, the server is PostgreSQL 18: set PG_DUMP to the pg_dump of PostgreSQL 18`);
    } finally {
      await db.drop();
    }
  });
});
