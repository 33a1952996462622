import { sql, type Kysely } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-limits-sessions-proofs';
import * as m003 from './003-drop-sign-in-failures';
import * as m004 from './004-device-reports';
import * as m005 from './005-documents';

interface Migration {
  id: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/**
 * Numbered migrations, applied in order at start (DESIGN §11); never edit one that shipped. Their
 * numbers are PostgreSQL's own: 001 is what SQLite's 001–004 build, and a later SQLite migration
 * gets its PostgreSQL twin here under the next free number.
 */
export const MIGRATIONS: Migration[] = [
  { id: 1, name: '001-initial', up: m001.up },
  { id: 2, name: '002-limits-sessions-proofs', up: m002.up },
  { id: 3, name: '003-drop-sign-in-failures', up: m003.up },
  { id: 4, name: '004-device-reports', up: m004.up },
  { id: 5, name: '005-documents', up: m005.up },
];

/** Any fixed key: instances that start together take turns on it (advisory locks are per database). */
const MIGRATION_LOCK = 7_412_001;

/**
 * Applies every migration not yet recorded in `migrations`, each in its own transaction that
 * first takes a lock, so several instances starting at once apply each migration exactly once.
 */
export async function migrate(db: Kysely<any>): Promise<number[]> {
  const applied: number[] = [];
  for (;;) {
    const id = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`.execute(trx);
      const done = new Set((await trx.selectFrom('migrations').select('id').execute()).map((r) => r.id as number));
      const m = MIGRATIONS.find((x) => !done.has(x.id));
      if (!m) return undefined;
      await m.up(trx);
      await trx.insertInto('migrations').values({ id: m.id, name: m.name, applied_at: new Date().toISOString() }).execute();
      return m.id;
    });
    if (id === undefined) return applied;
    applied.push(id);
  }
}
