/**
 * Actor proofs (A2, A3): a tablet proves that the person it names typed their PIN on it. At sign-in
 * the tablet derives the person's proof key from the PIN (`deriveProofKey`, shared/domain/pin.ts);
 * every mutation it queues for them carries `proof = HMAC-SHA256(key, proofPayload(…))`. The server
 * keeps the same key (never sent anywhere) and checks one HMAC per mutation, no PBKDF2.
 */

/** The fields of a pushed mutation a proof covers (DESIGN §5 PushMutation). */
export interface ProvenFields {
  id: number;
  name: string;
  actorId: string;
  at: string;
  args: unknown;
}

/**
 * JSON with object keys sorted at every depth: a proof must not depend on the order in which the
 * tablet, an integration or the server happened to build the args object.
 */
export function canonicalArgs(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalArgs(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalArgs(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * What is signed: a JSON array, so no field can shift into its neighbour. The client id and the
 * mutation id bind a proof to one slot of one outbox, so it cannot be replayed as another mutation.
 */
export function proofPayload(clientId: string, m: ProvenFields, argsSha256Hex: string): string {
  return JSON.stringify(['fb-proof-1', clientId, m.id, m.name, m.actorId, m.at, argsSha256Hex]);
}

const enc = new TextEncoder();
const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
export const toB64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
export const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The proof of one mutation (base64 HMAC-SHA256), with WebCrypto: tablets and test pushers. */
export async function signProof(keyB64: string, clientId: string, m: ProvenFields): Promise<string> {
  const digest = hex(await crypto.subtle.digest('SHA-256', enc.encode(canonicalArgs(m.args))));
  const key = await crypto.subtle.importKey('raw', fromB64(keyB64) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(proofPayload(clientId, m, digest)));
  return toB64(new Uint8Array(mac));
}
