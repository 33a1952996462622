import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPostgresPokes } from '../../server/store/postgres/pokes';
import { createPostgresStore } from '../../server/store/postgres';
import { createPokes, type Poke, type Pokes } from '../../server/sync/pokes';
import { createTestDatabase } from '../support/postgres';

interface PokesFactory {
  create(): Promise<Pokes>;
  /** Another instance's pokes on the same database; absent for the in-process bus. */
  sibling?(): Promise<Pokes>;
  cleanup(): Promise<void>;
}

/** Resolves with the first poke `pokes` delivers that `match` accepts. */
const next = (pokes: Pokes, match: (p: Poke) => boolean = () => true) =>
  new Promise<Poke>((resolve) => {
    const off = pokes.subscribe((p) => {
      if (!match(p)) return;
      off();
      resolve(p);
    });
  });

/** The behaviour every `Pokes` must have (server/sync/pokes.ts), one rule a test. */
function pokesContract(name: string, factory: PokesFactory) {
  describe(`pokes contract: ${name}`, () => {
    let pokes: Pokes;
    beforeEach(async () => {
      pokes = await factory.create();
    });
    afterEach(() => factory.cleanup());

    it('[S8] a subscriber hears the pokes published after it subscribed, none after it unsubscribed', async () => {
      const heard: Poke[] = [];
      const off = pokes.subscribe((p) => heard.push(p));
      pokes.publish({ cursor: 3, scopes: ['st-1'] });
      off();
      pokes.publish({ cursor: 4, scopes: ['st-1'] });
      expect(heard).toEqual([{ cursor: 3, scopes: ['st-1'] }]);
    });

    it('a listener that throws does not keep the others from hearing the poke', async () => {
      const heard: number[] = [];
      pokes.subscribe(() => {
        throw new Error('broken stream');
      });
      pokes.subscribe((p) => heard.push(p.cursor));
      pokes.publish({ cursor: 7, scopes: ['*'] });
      expect(heard).toEqual([7]);
    });

    if (factory.sibling) {
      const sibling = factory.sibling.bind(factory);
      it('[D3] a poke published on one instance reaches the streams of the other, both ways', async () => {
        const other = await sibling();
        const there = next(other);
        pokes.publish({ cursor: 5, scopes: ['st-1', 'device:d1'] });
        expect(await there).toEqual({ cursor: 5, scopes: ['st-1', 'device:d1'] });
        const back = next(pokes);
        other.publish({ cursor: 6, scopes: ['coordinator'] });
        expect(await back).toEqual({ cursor: 6, scopes: ['coordinator'] });
      });

      it('[D3] an instance hears its own poke once, not again through the database', async () => {
        const other = await sibling();
        const heard: number[] = [];
        pokes.subscribe((p) => heard.push(p.cursor));
        const there = next(other, (p) => p.cursor === 9);
        pokes.publish({ cursor: 8, scopes: ['*'] });
        pokes.publish({ cursor: 9, scopes: ['*'] });
        // The other instance has heard both, so both notifications went round the database.
        await there;
        const last = next(pokes, (p) => p.cursor === 10);
        other.publish({ cursor: 10, scopes: ['*'] });
        await last;
        expect(heard).toEqual([8, 9, 10]);
      });

      it('[D3] a burst of pokes reaches the other instance as pokes that cover each of them', async () => {
        const other = await sibling();
        const heard: Poke[] = [];
        other.subscribe((p) => heard.push(p));
        const last = next(other, (p) => p.cursor === 40);
        for (let c = 1; c <= 40; c++) pokes.publish({ cursor: c, scopes: [`st-${c % 5}`] });
        await last;
        // Merged pokes may come fewer than published, never behind: each poke is covered by one
        // heard later with a cursor at least its own and its scope.
        for (let c = 1; c <= 40; c++) expect(heard.some((p) => p.cursor >= c && p.scopes.includes(`st-${c % 5}`))).toBe(true);
      });
    }
  });
}

pokesContract('in-process', { create: async () => createPokes(), cleanup: async () => {} });

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let open: { close(): Promise<void> }[] = [];
const postgresPokes = async () => {
  const p = createPostgresPokes({ url: database!.url });
  open.push(p);
  await p.ready;
  return p;
};
pokesContract('postgres', {
  async create() {
    database = await createTestDatabase(inject('postgresUrl'));
    return postgresPokes();
  },
  sibling: postgresPokes,
  async cleanup() {
    await Promise.all(open.map((p) => p.close()));
    open = [];
    await database?.drop();
  },
});

describe('postgres pokes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    db = await createTestDatabase(inject('postgresUrl'));
  });
  afterEach(() => db.drop());

  it('a poke whose scopes do not fit a notification reaches the other instance for every scope', async () => {
    const [a, b] = [createPostgresPokes({ url: db.url }), createPostgresPokes({ url: db.url })];
    try {
      await Promise.all([a.ready, b.ready]);
      const there = next(b);
      a.publish({ cursor: 11, scopes: Array.from({ length: 2_000 }, (_, i) => `st-${i}`) });
      expect(await there).toEqual({ cursor: 11, scopes: ['*'] });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('after its listening connection is cut, an instance listens again and pokes every stream at the head', async () => {
    const store = await createPostgresStore({ url: db.url });
    await store.transaction((tx) => tx.reserveVersions(4));
    const [a, b] = [createPostgresPokes({ url: db.url }), createPostgresPokes({ url: db.url })];
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await Promise.all([a.ready, b.ready]);
      const caughtUp = next(b);
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'floorboard-pokes' AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
      );
      expect(await caughtUp).toEqual({ cursor: 4, scopes: ['*'] });
      // Listening again: another instance's pokes reach it.
      const there = next(b, (p) => p.cursor === 12);
      a.publish({ cursor: 12, scopes: ['st-1'] });
      expect(await there).toEqual({ cursor: 12, scopes: ['st-1'] });
    } finally {
      await admin.end();
      await Promise.all([a.close(), b.close()]);
      await store.close();
    }
  });
});
