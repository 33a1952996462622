import { sql, type Kysely } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-ordered-indexes';
import * as m003 from './003-audit-synced-from-chain';
import * as m004 from './004-ref-index-for-queried-entities';
import * as m005 from './005-auth-limits';
import * as m006 from './006-audit-append-only';
import * as m007 from './007-sessions-users';
import * as m008 from './008-pin-proof-keys';
import * as m009 from './009-drop-sign-in-failures';
import * as m010 from './010-device-reports';
import * as m011 from './011-ref-index-travelers-documents';

interface Migration {
  id: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/** Numbered migrations, applied in order at start (DESIGN §11); never edit one that shipped. */
export const MIGRATIONS: Migration[] = [
  { id: 1, name: '001-initial', up: m001.up },
  { id: 2, name: '002-ordered-indexes', up: m002.up },
  { id: 3, name: '003-audit-synced-from-chain', up: m003.up },
  { id: 4, name: '004-ref-index-for-queried-entities', up: m004.up },
  { id: 5, name: '005-auth-limits', up: m005.up },
  { id: 6, name: '006-audit-append-only', up: m006.up },
  { id: 7, name: '007-sessions-users', up: m007.up },
  { id: 8, name: '008-pin-proof-keys', up: m008.up },
  { id: 9, name: '009-drop-sign-in-failures', up: m009.up },
  { id: 10, name: '010-device-reports', up: m010.up },
  { id: 11, name: '011-ref-index-travelers-documents', up: m011.up },
];

/** Applies every migration not yet recorded in `migrations`, each in its own transaction. */
export async function migrate(db: Kysely<any>): Promise<number[]> {
  await sql`CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(db);
  const done = new Set((await db.selectFrom('migrations').select('id').execute()).map((r) => r.id as number));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx);
      await trx.insertInto('migrations').values({ id: m.id, name: m.name, applied_at: new Date().toISOString() }).execute();
    });
    applied.push(m.id);
  }
  return applied;
}
