import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { User } from '../../shared/schema';
import { canonicalArgs, proofPayload } from '../../shared/domain/proof';
import type { PushMutation } from '../../shared/protocol';
import type { StoreReader } from '../store/types';

// Proof keys by `userId:proofSalt`: a new PIN comes with a new salt, so an entry never goes stale
// and the push path reads the key table once per person, not once per mutation.
const keys = new Map<string, Buffer>();
const MAX_KEYS = 50_000;

async function proofKey(store: StoreReader, user: User): Promise<Buffer | undefined> {
  const salt = user.pin?.proofSalt;
  if (!salt) return undefined;
  const k = `${user.id}:${salt}`;
  const hit = keys.get(k);
  if (hit) return hit;
  const stored = await store.getProofKey(user.id);
  if (!stored) return undefined;
  const key = Buffer.from(stored, 'base64');
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(k, key);
  return key;
}

/**
 * A2: true when `m.proof` is the HMAC of this mutation under the actor's PIN proof key. One HMAC
 * and one SHA-256, Node's own: the same bytes `signProof` makes with WebCrypto on the tablet.
 */
export async function proofHolds(store: StoreReader, user: User, clientId: string, m: PushMutation): Promise<boolean> {
  if (!m.proof) return false;
  const key = await proofKey(store, user);
  if (!key) return false;
  const digest = createHash('sha256').update(canonicalArgs(m.args)).digest('hex');
  const want = createHmac('sha256', key)
    .update(proofPayload(clientId, m, digest))
    .digest();
  const got = Buffer.from(m.proof, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}
