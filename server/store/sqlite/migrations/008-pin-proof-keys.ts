import { sql, type Kysely } from 'kysely';

/**
 * The proof key of each user's PIN (A2, shared/domain/proof.ts): PBKDF2(PIN, proofSalt), which the
 * server needs in the clear to check a tablet's HMAC. Its own table, outside `records`, so no pull
 * (not even the console's, which sees every record) can ever carry it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE pin_proof_keys (user_id TEXT PRIMARY KEY, proof_key TEXT NOT NULL)`.execute(db);
}
