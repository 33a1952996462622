import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../server/audit/verify';
import { createApp } from '../../server/app';
import { createFileBlobStore } from '../../server/blobs/files';
import { createSqliteStore } from '../../server/store/sqlite';
import { createPokes } from '../../server/sync/pokes';
import { fakeClock, makeHarness, type Harness } from '../server/harness';
import { tamper } from '../server/audit-tamper';
import { pushLoad, runCli } from './cli';

describe('npm run backup / restore on SQLite (D5)', () => {
  let h: Harness;
  let out: string;
  let token: string;
  beforeEach(async () => {
    h = await makeHarness();
    ({ token } = await h.enroll(['st-mill-1']));
    out = mkdtempSync(join(tmpdir(), 'fb-backup-'));
  });
  afterEach(async () => {
    await h.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('[D5] a backup taken while pushes are applied restores every acknowledged record, and the chain verifies', async () => {
    // A long reader (an audit verify, say) holds a snapshot, so no checkpoint can move the notes
    // into the main file: they are only in the WAL, where a copy of the file alone would miss them.
    const reader = new Database(h.file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM records').get();
    const load = pushLoad(h, token, ['client-a', 'client-b', 'client-c']);
    while (load.acked.length < 20) await new Promise((r) => setTimeout(r, 10));
    const ackedBefore = [...load.acked];
    const backup = join(out, 'plant.sqlite');
    const running = runCli('backup', [backup], { DATA_DIR: h.dir });
    const during = load.acked.length;
    const b = await running;
    const ackedDuring = load.acked.length - during;
    await load.stop();
    reader.exec('COMMIT');
    reader.close();
    expect(b.out).toMatch(/wrote .*plant\.sqlite \(\d+\.\d (KiB|MiB)\).*\n.*audit head \d+:[0-9a-f]{64}/);
    expect(b.code).toBe(0);
    // The pushes went on while the backup ran in its own process: it was online.
    expect(ackedDuring).toBeGreaterThan(0);

    const restored = join(out, 'restored', 'floorboard.sqlite');
    mkdirSync(join(out, 'restored'));
    const r = await runCli('restore', [backup, '--to', restored], {});
    expect(r.out).toMatch(/restored into .*floorboard\.sqlite.*\n.*audit head (\d+):([0-9a-f]{64})/);
    expect(r.code).toBe(0);

    // A server on the restored file: the chain verifies, and every note acknowledged before the
    // backup started is there, with its audit link.
    const store = await createSqliteStore({ file: restored });
    try {
      const report = await verifyAudit(store);
      expect(report.ok).toBe(true);
      expect(r.out).toContain(`audit head ${report.head.seq}:${report.head.hash}`);
      for (const a of ackedBefore) {
        expect(await store.getRecord('notes', a.noteId), a.noteId).toBeDefined();
        expect(await store.getRecord('audit', `${a.client}:${a.id}`), `${a.client}:${a.id}`).toBeDefined();
      }
      const app = createApp({ store, clock: fakeClock(), pokes: createPokes(), config: { staticDir: join(out, 'dist') } });
      const pull = await app.request('/api/sync/pull?clientId=client-a&cursor=0', { headers: { authorization: `Bearer ${token}` } });
      expect(pull.status).toBe(200);
      const page = (await pull.json()) as { lastMutationId: number; changes: { entity: string; id: string }[] };
      expect(page.lastMutationId).toBeGreaterThanOrEqual(Math.max(...ackedBefore.filter((a) => a.client === 'client-a').map((a) => a.id)));
    } finally {
      await store.close();
    }
  });

  it('[D5][T2] the documents’ files go with a backup and come back with a restore: the restored server serves every drawing byte for byte', async () => {
    const docs = (await h.store.listRecords('documents')).map((r) => JSON.parse(r.value) as { sha256: string });
    const shas = [...new Set(docs.map((d) => d.sha256))];
    expect(shas.length).toBeGreaterThan(0);
    const backup = join(out, 'plant.sqlite');
    const b = await runCli('backup', [backup], { DATA_DIR: h.dir });
    expect(b.code, b.out).toBe(0);
    expect(b.out).toContain(`copied ${shas.length} document files with it, into ${backup}.blobs`);

    mkdirSync(join(out, 'restored'));
    const restored = join(out, 'restored', 'floorboard.sqlite');
    const r = await runCli('restore', [backup, '--to', restored], {});
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`copied ${shas.length} document files into ${join(out, 'restored', 'blobs')}`);
    const store = await createSqliteStore({ file: restored });
    const blobs = createFileBlobStore(join(out, 'restored', 'blobs'));
    try {
      const app = createApp({ store, clock: fakeClock(), pokes: createPokes(), blobs, config: { staticDir: join(out, 'dist') } });
      // The Mill tablet reads what its stations' travelers list (a 404 for the rest), each byte for byte.
      let served = 0;
      for (const sha of shas) {
        const res = await app.request(`/api/blobs/${sha}`, { headers: { authorization: `Bearer ${token}` } });
        expect([200, 404], sha).toContain(res.status);
        if (res.status !== 200) continue;
        served++;
        expect(
          createHash('sha256')
            .update(new Uint8Array(await res.arrayBuffer()))
            .digest('hex'),
        ).toBe(sha);
      }
      expect(served).toBeGreaterThan(0);
    } finally {
      await blobs.close();
      await store.close();
    }
  });

  it('[D5][T2] a backup of a server whose document file is gone says which, and exits 1', async () => {
    const doc = JSON.parse((await h.store.listRecords('documents'))[0]!.value) as { sha256: string };
    rmSync(join(h.dir, 'blobs', doc.sha256.slice(0, 2), doc.sha256.slice(2)));
    const b = await runCli('backup', [join(out, 'plant.sqlite')], { DATA_DIR: h.dir });
    expect(b.code).toBe(1);
    expect(b.out).toMatch(new RegExp(`WARNING: 1 document file is missing: ${doc.sha256.slice(0, 12)}…`));
    expect(existsSync(join(out, 'plant.sqlite'))).toBe(true);
  });

  it('[D5] backup never overwrites; restore refuses an existing file without --force and replaces it with it', async () => {
    const backup = join(out, 'plant.sqlite');
    writeFileSync(backup, 'not mine to overwrite');
    const again = await runCli('backup', [backup], { DATA_DIR: h.dir });
    expect(again.code).toBe(2);
    expect(again.out).toContain('exists; a backup never overwrites one');
    rmSync(backup);
    expect((await runCli('backup', [backup], { DATA_DIR: h.dir })).code).toBe(0);

    const target = join(out, 'floorboard.sqlite');
    writeFileSync(target, 'an old plant');
    writeFileSync(`${target}-wal`, 'a stale WAL that must not be replayed onto the restore');
    const refused = await runCli('restore', [backup, '--to', target], {});
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('restore only into a new file, or stop the server and pass --force');
    const forced = await runCli('restore', [backup, '--to', target, '--force'], {});
    expect(forced.code).toBe(0);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const store = await createSqliteStore({ file: target });
    try {
      expect((await verifyAudit(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('[D5] restore --force refuses the file of a running server and leaves it as it was', async () => {
    const backup = join(out, 'plant.sqlite');
    expect((await runCli('backup', [backup], { DATA_DIR: h.dir })).code).toBe(0);
    // The harness's store is the running server: it has h.file open, in WAL mode.
    const before = await h.store.head();
    const refused = await runCli('restore', [backup, '--to', h.file, '--force'], {});
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('is open in another program (a running Floorboard server?): stop it, then restore');
    expect(existsSync(`${h.file}.restoring`)).toBe(false);
    expect(await h.store.head()).toBe(before);
    expect((await verifyAudit(h.store)).ok).toBe(true);
    // The server still writes to the same file, which is still in WAL mode.
    const reader = new Database(h.file, { readonly: true });
    try {
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reader.close();
    }
  });

  it('[D5] restore refuses what is not a backup, and backup a directory that is not there, in words', async () => {
    const junk = join(out, 'junk.bin');
    writeFileSync(junk, 'hello');
    const r = await runCli('restore', [junk, '--to', join(out, 'x.sqlite')], {});
    expect(r.code).toBe(2);
    expect(r.out).toContain('is not a SQLite backup');
    expect(existsSync(join(out, 'x.sqlite'))).toBe(false);
    const nowhere = await runCli('backup', [join(out, 'no', 'such', 'dir.sqlite')], { DATA_DIR: h.dir });
    expect(nowhere.out).toContain(`there is no directory ${join(out, 'no', 'such')}`);
    expect(nowhere.code).toBe(2);
  });

  it('[D5] a backup whose copy has a broken audit chain is kept as evidence but says so and exits 1; restore refuses it', async () => {
    await h.push({ token }, 'client-a', [{ id: 1, name: 'addNote', args: { id: 'n-1', stationId: 'st-mill-1', text: 'hello' }, actorId: 'u-op-nguyen' }]);
    tamper(h.file, (db) => db.prepare('UPDATE audit SET hash = ? WHERE seq = (SELECT max(seq) FROM audit)').run('f'.repeat(64)));
    const backup = join(out, 'plant.sqlite');
    const r = await runCli('backup', [backup], { DATA_DIR: h.dir });
    expect(r.out).toMatch(/WARNING: on the copy, the audit chain is broken at seq \d+/);
    expect(r.code).toBe(1);
    expect(existsSync(backup)).toBe(true);
    expect(existsSync(`${backup}.partial`)).toBe(false);
    const restored = join(out, 'restored.sqlite');
    const back = await runCli('restore', [backup, '--to', restored], {});
    expect(back.out).toMatch(/refused: .*the audit chain is broken at seq \d+/);
    expect(back.code).toBe(2);
    expect(existsSync(restored)).toBe(false);
  });
});
