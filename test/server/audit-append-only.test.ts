import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness';

describe('the audit table refuses edits (migration 006)', () => {
  let h: Harness;
  let db: Database.Database;
  beforeEach(async () => {
    h = await makeHarness();
    const cookie = await h.signIn();
    await h.push({ cookie }, 'console-append-1', [{ id: 1, name: 'launchRocket', actorId: 'u-coordinator' }]);
    // A second connection to the real file, as a script or a DB browser would open it.
    db = new Database(h.file);
  });
  afterEach(async () => {
    db.close();
    await h.close();
  });

  const count = () => (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

  it('[A4] UPDATE of any column of a link is refused', () => {
    expect(count()).toBeGreaterThan(0);
    const before = db.prepare('SELECT * FROM audit WHERE seq = 1').get();
    expect(() => db.prepare("UPDATE audit SET entry = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET hash = 'f00'").run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit SET version = 99 WHERE seq = 1').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT * FROM audit WHERE seq = 1').get()).toEqual(before);
  });

  it('[A4] DELETE of a link, or of the tail, is refused', () => {
    const n = count();
    expect(() => db.prepare('DELETE FROM audit WHERE seq = ?').run(n)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(count()).toBe(n);
  });

  it('[A4] the store still appends after a refused edit', async () => {
    expect(() => db.prepare("UPDATE audit SET hash = 'f00'").run()).toThrow(/append-only/);
    const n = count();
    const cookie = await h.signIn();
    const res = await h.push({ cookie }, 'console-append-1', [{ id: 2, name: 'launchRocket', actorId: 'u-coordinator' }]);
    expect(res.status).toBe(200);
    expect(count()).toBe(n + 1);
  });
});
